// Switchyard's dashboard: polls this node's admin API (same origin only) and draws what it answers.
// Hand-written, no framework, nothing fetched from elsewhere; names from the API go in as text, never as markup.
"use strict";
(() => {
  const POLL_MS = 1500;
  const TOKEN_KEY = "switchyard.admin-token";
  const SVG = "http://www.w3.org/2000/svg";
  const CHARTS = [
    { title: "requests/s", series: ["requests_per_s"], unit: "" },
    { title: "errors (5xx)", series: ["error_rate"], unit: "%", scale: 100 },
    { title: "latency p50 / p99", series: ["p50_ms", "p99_ms"], unit: " ms" },
    { title: "batch size", series: ["batch_size"], unit: "" },
    { title: "queued", series: ["queued"], unit: "" },
  ];

  let token = sessionStorage.getItem(TOKEN_KEY);
  let timer = 0;
  const colours = new Map();
  const $ = (id) => document.getElementById(id);

  class NeedsToken extends Error {}

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value !== null && value !== undefined) node.setAttribute(name, value);
    }
    for (const child of children) {
      if (child !== null && child !== undefined) node.append(child);
    }
    return node;
  }

  function svg(tag, attrs, ...children) {
    const node = document.createElementNS(SVG, tag);
    for (const [name, value] of Object.entries(attrs || {})) node.setAttribute(name, value);
    node.append(...children);
    return node;
  }

  function colour(backend) {
    if (!colours.has(backend)) colours.set(backend, "c" + (colours.size % 6));
    return colours.get(backend);
  }

  function number(value, digits) {
    if (value === null || value === undefined || !Number.isFinite(value)) return "–";
    const d = digits ?? (Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2);
    return value.toFixed(d).replace(/\.0+$|(\.\d*?)0+$/, "$1");
  }

  const percent = (share) => number(share * 100, 1) + "%";

  async function api(path) {
    const headers = token ? { Authorization: "Bearer " + token } : {};
    const response = await fetch(path, { headers, cache: "no-store", credentials: "omit", redirect: "error" });
    if (response.status === 401) throw new NeedsToken();
    if (!response.ok) {
      let detail = response.statusText;
      try { detail = (await response.json()).detail || detail; } catch { /* not problem+json */ }
      throw new Error(`${path}: ${response.status} ${detail}`);
    }
    return response.json();
  }

  async function poll() {
    clearTimeout(timer);
    try {
      const [status, figures] = await Promise.all([api("/api/status"), api("/api/figures")]);
      $("login").hidden = true;
      $("main").hidden = false;
      render(status, figures);
      $("problem").textContent = "";
      $("updated").textContent = "updated " + new Date().toLocaleTimeString();
    } catch (error) {
      if (error instanceof NeedsToken) {
        askForToken(token ? "That token was refused." : "");
        return;
      }
      $("problem").textContent = String(error.message || error);
    }
    timer = setTimeout(poll, POLL_MS);
  }

  function askForToken(problem) {
    if (token) sessionStorage.removeItem(TOKEN_KEY);
    token = null;
    $("main").hidden = true;
    $("login").hidden = false;
    $("login-problem").textContent = problem;
    $("token").focus();
  }

  $("login").addEventListener("submit", (event) => {
    event.preventDefault();
    const given = $("token").value.trim();
    if (!given) return;
    token = given;
    sessionStorage.setItem(TOKEN_KEY, token);
    $("token").value = "";
    poll();
  });

  function render(status, figures) {
    $("controller").textContent = status.controller && status.controller.node ? "controller on " + status.controller.node : "";
    renderEndpoints(status.endpoints || {});
    renderBackends(status.backends || {}, figures);
    renderNodes(status.nodes || []);
  }

  function shareBar(shares, thin) {
    const bar = svg("svg", { class: thin ? "bar thin" : "bar", viewBox: "0 0 100 10", preserveAspectRatio: "none", role: "img" });
    let x = 0;
    for (const [backend, weight] of shares) {
      const width = Math.max(0, Math.min(100 - x, weight * 100));
      bar.append(svg("rect", { x: String(x), y: "0", width: String(width), height: "10", class: colour(backend) }, svg("title", {}, `${backend} ${percent(weight)}`)));
      x += width;
    }
    return bar;
  }

  function legend(shares, kind) {
    return el("div", { class: "legend" }, ...shares.map(([backend, weight]) =>
      el("span", { class: kind, "data-backend": backend }, el("span", { class: "swatch " + colour(backend) }), `${backend} `, el("b", {}, percent(weight)))));
  }

  function renderEndpoints(endpoints) {
    const cards = Object.entries(endpoints).map(([name, endpoint]) => {
      const traffic = Object.entries(endpoint.traffic || {});
      const shadows = Object.entries(endpoint.shadows || {});
      const card = el("div", { class: "card", "data-endpoint": name },
        el("h3", {}, name, el("span", { class: "dim" }, `${endpoint.route || "(handle only)"} · ${(endpoint.methods || []).join(" ")}`)),
        shareBar(traffic, false), legend(traffic, "weight"));
      if (shadows.length > 0) {
        card.append(el("div", { class: "dim" }, "shadows (copies, answers dropped)"));
        for (const [backend, proportion] of shadows) card.append(shareBar([[backend, proportion]], true));
        card.append(legend(shadows, "shadow"));
      }
      if (endpoint.rollout) card.append(rollout(endpoint.rollout));
      return card;
    });
    $("endpoints").replaceChildren(...(cards.length ? cards : [el("p", { class: "dim" }, "no endpoints")]));
  }

  function rollout(r) {
    const steps = r.steps || [];
    const done = r.state === "running" ? (r.step ?? 0) + 1 : r.state === "succeeded" ? steps.length : (r.step ?? 0) + 1;
    const bar = svg("svg", { class: "bar thin", viewBox: `0 0 ${Math.max(1, steps.length)} 1`, preserveAspectRatio: "none" });
    steps.forEach((_, i) => bar.append(svg("rect", { x: String(i + 0.04), y: "0", width: "0.92", height: "1", class: i < done ? "done" : "todo" })));
    const observed = r.observed || {};
    return el("div", { class: "rollout " + r.state, "data-rollout": r.state },
      el("div", {}, `rollout to ${r.to}: ${r.state}, step ${Math.min(done, steps.length)}/${steps.length}`,
        r.reason ? el("span", { class: "dim" }, ` (${r.reason})`) : null),
      bar,
      el("div", { class: "dim" }, `seen in this step: ${observed.requests ?? 0} requests, errors ${observed.error_rate == null ? "–" : percent(observed.error_rate)}, p99 ${number(observed.p99_latency_ms)} ms`));
  }

  function renderBackends(backends, figures) {
    const series = (figures && figures.backends) || {};
    const cards = Object.entries(backends).map(([name, backend]) => {
      const byNode = new Map();
      for (const replica of backend.replicas || []) {
        const node = replica.node || "(not placed)";
        if (!byNode.has(node)) byNode.set(node, []);
        byNode.get(node).push(replica);
      }
      const nodes = el("div", { class: "nodes" }, ...[...byNode].map(([node, replicas]) =>
        el("div", { class: "node-row", "data-node": node }, el("span", { class: "node" }, node), ...replicas.map((r) =>
          el("span", { class: "replica", "data-state": r.state, "data-tag": r.tag, title: r.tag }, `${r.tag} ${r.state}`,
            r.reason ? el("span", { class: "reason" }, "— " + r.reason) : null)))));
      const live = backend.live || {};
      const scaling = backend.autoscaling ? ` · autoscaling: target ${backend.autoscaling.target_replicas}, ongoing ${number(backend.autoscaling.ongoing_requests)}` : "";
      return el("div", { class: "card", "data-backend": name },
        el("h3", {}, name, el("span", { class: "dim" }, `${backend.class}${scaling}`)),
        byNode.size ? nodes : el("p", { class: "dim" }, "no replicas"),
        el("div", { class: "figures" },
          el("span", {}, el("b", { "data-figure": "rps" }, number(live.requests_per_s)), " req/s"),
          el("span", {}, "p50 ", el("b", { "data-figure": "p50" }, number(live.p50_ms)), " ms"),
          el("span", {}, "p99 ", el("b", { "data-figure": "p99" }, number(live.p99_ms)), " ms"),
          el("span", {}, "errors ", el("b", { "data-figure": "errors" }, live.error_rate == null ? "–" : percent(live.error_rate)))),
        series[name] ? charts(series[name], figures.end, figures.points) : el("p", { class: "dim" }, "no figures yet"));
    });
    $("backends").replaceChildren(...(cards.length ? cards : [el("p", { class: "dim" }, "no backends")]));
  }

  function charts(data, end, points) {
    return el("div", { class: "charts" }, ...CHARTS.map((chart) => {
      const scale = chart.scale || 1;
      const lines = chart.series.map((key) => (data[key] || []).map((v) => (v === null ? null : v * scale)));
      const finite = lines.flat().filter((v) => v !== null);
      const max = niceMax(finite.length ? Math.max(...finite) : 0);
      const latest = lines.map((line) => lastValue(line));
      const plot = svg("svg", { viewBox: `0 0 ${points} 100`, preserveAspectRatio: "none", role: "img" },
        svg("line", { class: "grid", x1: "0", x2: String(points), y1: "50", y2: "50", "vector-effect": "non-scaling-stroke" }),
        ...lines.map((line, i) => svg("path", { class: i === 0 ? "line" : "line second", d: path(line, max) })));
      return el("div", { class: "chart", "data-chart": chart.series.join(",") },
        el("div", { class: "title" }, el("span", {}, chart.title), el("b", { "data-latest": chart.series[0] }, latest.some((v) => v !== null) ? latest.map((v) => number(v)).join(" / ") + chart.unit : "–")),
        plot,
        el("div", { class: "scale" }, el("span", {}, "5 min ago"), el("span", {}, "max " + number(max) + chart.unit), el("span", {}, new Date(end * 1000).toLocaleTimeString())));
    }));
  }

  function lastValue(line) {
    for (let i = line.length - 1; i >= 0; i--) if (line[i] !== null) return line[i];
    return null;
  }

  function niceMax(value) {
    if (!(value > 0)) return 1;
    const power = Math.pow(10, Math.floor(Math.log10(value)));
    for (const step of [1, 2, 2.5, 5, 10]) if (value <= step * power) return step * power;
    return 10 * power;
  }

  function path(line, max) {
    let d = "";
    let pen = false;
    line.forEach((v, i) => {
      if (v === null) { pen = false; return; }
      const y = (100 - (v / max) * 96).toFixed(1);
      d += `${pen ? "L" : "M"}${i} ${y}` + (pen ? "" : ` L${i + 0.9} ${y}`);
      pen = true;
    });
    return d || "M0 100";
  }

  function renderNodes(nodes) {
    const pair = (r, key) => r ? `${number(r.available?.[key] ?? 0)}/${number(r.total?.[key] ?? 0)}` : "";
    $("nodes").tBodies[0].replaceChildren(...nodes.map((n) => el("tr", { "data-node": n.id },
      el("td", {}, n.id), el("td", { class: "state-" + n.status }, n.status), el("td", {}, n.address),
      el("td", {}, pair(n.resources, "num_cpus")), el("td", {}, pair(n.resources, "num_gpus")))));
  }

  poll();
})();

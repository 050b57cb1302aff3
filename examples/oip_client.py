#!/usr/bin/env python3
"""A client of the Open Inference Protocol (KServe v2 REST) using only Python's standard library.

It knows nothing of Switchyard: it reads the server's and the model's metadata, then classifies one image twice,
once with JSON tensors and once with the binary tensor data extension (as Triton's clients send by default),
and checks that both answers agree.

    python3 examples/oip_client.py --url http://127.0.0.1:8000 --model digits --image examples/digit-3.json

Exits 0 when everything agreed, 1 otherwise; prints one line per step.
"""

import argparse
import json
import struct
import sys
import urllib.error
import urllib.request


def call(url, body=None, headers=None):
    """Sends a request and returns (status, headers, body bytes); HTTP errors are answers too."""
    request = urllib.request.Request(url, data=body, headers=headers or {}, method="POST" if body is not None else "GET")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def get_json(url):
    status, _, body = call(url)
    if status != 200:
        raise SystemExit(f"GET {url} answered {status}: {body.decode(errors='replace')}")
    return json.loads(body)


def flatten(value):
    if isinstance(value, list):
        return [x for item in value for x in flatten(item)]
    return [value]


def infer_json(base, model, input_meta, values, shape):
    request = {
        "id": "json-1",
        "inputs": [{"name": input_meta["name"], "datatype": input_meta["datatype"], "shape": shape, "data": values}],
    }
    status, _, body = call(f"{base}/v2/models/{model}/infer", json.dumps(request).encode(), {"Content-Type": "application/json"})
    if status != 200:
        raise SystemExit(f"JSON infer answered {status}: {body.decode(errors='replace')}")
    response = json.loads(body)
    if response.get("id") != "json-1":
        raise SystemExit(f"the response's id {response.get('id')!r} does not echo the request's")
    return response, {o["name"]: o["data"] for o in response["outputs"]}


def infer_binary(base, model, input_meta, values, shape):
    raw = struct.pack(f"<{len(values)}f", *values)
    header = json.dumps({
        "inputs": [{"name": input_meta["name"], "datatype": "FP32", "shape": shape, "parameters": {"binary_data_size": len(raw)}}],
        "parameters": {"binary_data_output": True},
    }).encode()
    status, headers, body = call(f"{base}/v2/models/{model}/infer", header + raw, {
        "Content-Type": "application/octet-stream",
        "Inference-Header-Content-Length": str(len(header)),
    })
    if status != 200:
        raise SystemExit(f"binary infer answered {status}: {body.decode(errors='replace')}")
    length = int(headers["Inference-Header-Content-Length"])
    response = json.loads(body[:length])
    outputs, offset = {}, length
    formats = {"FP32": "f", "FP64": "d", "INT64": "q", "INT32": "i"}
    for output in response["outputs"]:
        size = output["parameters"]["binary_data_size"]
        code = formats[output["datatype"]]
        count = size // struct.calcsize(code)
        outputs[output["name"]] = list(struct.unpack(f"<{count}{code}", body[offset:offset + size]))
        offset += size
    if offset != len(body):
        raise SystemExit(f"{len(body) - offset} bytes of the binary response belong to no output")
    return response, outputs


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:8000")
    parser.add_argument("--model", default="digits")
    parser.add_argument("--image", default="examples/digit-3.json", help="a JSON array of the image's pixel values")
    args = parser.parse_args()
    base = args.url.rstrip("/")

    server = get_json(f"{base}/v2")
    print(f"server {server['name']} {server['version']}, extensions: {', '.join(server['extensions'])}")
    status, _, _ = call(f"{base}/v2/health/ready")
    if status != 200:
        raise SystemExit(f"the server is not ready ({status})")

    metadata = get_json(f"{base}/v2/models/{args.model}")
    image = metadata["inputs"][0]
    print(f"model {metadata['name']} (versions {', '.join(metadata['versions'])}, {metadata['platform']}): "
          f"input {image['name']} {image['datatype']} {image['shape']}, outputs {', '.join(o['name'] for o in metadata['outputs'])}")
    status, _, _ = call(f"{base}/v2/models/{args.model}/ready")
    if status != 200:
        raise SystemExit(f"model {args.model} is not ready ({status})")

    with open(args.image) as f:
        values = [float(v) for v in flatten(json.load(f))]
    shape = [1 if d == -1 else d for d in image["shape"]]

    by_json, json_outputs = infer_json(base, args.model, image, values, shape)
    by_binary, binary_outputs = infer_binary(base, args.model, image, values, shape)
    json_label, binary_label = flatten(json_outputs["label"])[0], binary_outputs["label"][0]
    print(f"json:   version {by_json['model_version']}, label {json_label}")
    print(f"binary: version {by_binary['model_version']}, label {binary_label}")

    json_probabilities = flatten(json_outputs["probabilities"])
    worst = max(abs(a - b) for a, b in zip(json_probabilities, binary_outputs["probabilities"]))
    if json_label != binary_label or worst > 1e-6 or len(json_probabilities) != len(binary_outputs["probabilities"]):
        print(f"the JSON and binary answers disagree (largest difference {worst})")
        return 1
    print(f"agreed: label {json_label}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

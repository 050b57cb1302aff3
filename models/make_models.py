#!/usr/bin/python3
"""Writes the two small ONNX models Switchyard's tests, samples and benchmarks use.

Run with Debian's interpreter (it has python3-onnx and python3-numpy):

    /usr/bin/python3 models/make_models.py

`--large-bench OUT.onnx [--hidden N] [--layers K]` writes only a larger benchmark MLP (256->N->...->N->10, K
hidden layers, same input `input` [N, 256] and output `output` [N, 10] as mlp_bench.onnx, seeded random weights)
to OUT.onnx and nothing else. It is far too big to commit; bench/run-throughput.sh generates it (MODEL=large).

Everything is seeded, so the outputs are the same on every run with the same numpy/onnx versions.
"""

import argparse
import os

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

OPSET = 17
# IR 8 is what onnx 1.12 writes for opset 17; ONNX Runtime 1.31 reads it.
IR_VERSION = 8
HERE = os.path.dirname(os.path.abspath(__file__))

def load_digits():
    """The ten 8x8 prototypes from digit_patterns.txt (shared with the C# tests and examples)."""
    with open(os.path.join(HERE, "digit_patterns.txt")) as f:
        lines = [line.strip() for line in f if not line.startswith("#")]
    blocks = "\n".join(lines).strip().split("\n\n")
    return [block.split("\n") for block in blocks]


DIGITS = load_digits()


def prototypes():
    """The ten prototypes as a [10, 8, 8] float32 array."""
    protos = np.array(
        [[[1.0 if c == "#" else 0.0 for c in row] for row in digit] for digit in DIGITS],
        dtype=np.float32,
    )
    assert protos.shape == (10, 8, 8)
    return protos


def shift(image, dy, dx):
    """Moves an 8x8 image by (dy, dx) pixels, filling with zeros (np.roll would wrap around)."""
    out = np.zeros_like(image)
    src = image[max(0, -dy):8 - max(0, dy), max(0, -dx):8 - max(0, dx)]
    out[max(0, dy):max(0, dy) + src.shape[0], max(0, dx):max(0, dx) + src.shape[1]] = src
    return out


def make_digit_samples(rng, protos, count):
    """Noisy copies of the prototypes: a shift of up to one pixel, dimmer ink, Gaussian noise."""
    labels = rng.integers(0, 10, size=count)
    images = np.empty((count, 64), dtype=np.float32)
    for i, label in enumerate(labels):
        dy, dx = rng.integers(-1, 2, size=2)
        image = shift(protos[label], int(dy), int(dx)) * rng.uniform(0.6, 1.0)
        image = image + rng.normal(0.0, 0.2, size=(8, 8))
        images[i] = np.clip(image, 0.0, 1.0).reshape(64)
    return images, labels


def forward(params, x):
    w1, b1, w2, b2 = params
    h = np.maximum(x @ w1 + b1, 0.0)
    logits = h @ w2 + b2
    logits = logits - logits.max(axis=1, keepdims=True)
    e = np.exp(logits)
    return h, e / e.sum(axis=1, keepdims=True)


def train_digits(rng, protos):
    """Trains the 64->32->10 MLP with plain Adam on softmax cross-entropy."""
    x_train, y_train = make_digit_samples(rng, protos, 6000)
    x_test, y_test = make_digit_samples(rng, protos, 1000)

    hidden = 32
    params = [
        (rng.normal(0.0, np.sqrt(2.0 / 64), size=(64, hidden))).astype(np.float32),
        np.zeros(hidden, dtype=np.float32),
        (rng.normal(0.0, np.sqrt(2.0 / hidden), size=(hidden, 10))).astype(np.float32),
        np.zeros(10, dtype=np.float32),
    ]
    m = [np.zeros_like(p) for p in params]
    v = [np.zeros_like(p) for p in params]
    lr, beta1, beta2, eps = 0.01, 0.9, 0.999, 1e-8
    step = 0
    batch = 100
    for _ in range(15):
        order = rng.permutation(len(x_train))
        for start in range(0, len(order), batch):
            idx = order[start:start + batch]
            x, y = x_train[idx], y_train[idx]
            h, p = forward(params, x)
            # Gradient of mean cross-entropy w.r.t. the logits is (softmax - onehot) / batch.
            d_logits = p.copy()
            d_logits[np.arange(len(y)), y] -= 1.0
            d_logits /= len(y)
            d_h = (d_logits @ params[2].T) * (h > 0)
            grads = [x.T @ d_h, d_h.sum(axis=0), h.T @ d_logits, d_logits.sum(axis=0)]
            step += 1
            for i, g in enumerate(grads):
                m[i] = beta1 * m[i] + (1 - beta1) * g
                v[i] = beta2 * v[i] + (1 - beta2) * g * g
                m_hat = m[i] / (1 - beta1 ** step)
                v_hat = v[i] / (1 - beta2 ** step)
                params[i] = (params[i] - lr * m_hat / (np.sqrt(v_hat) + eps)).astype(np.float32)

    _, p_test = forward(params, x_test)
    accuracy = float((p_test.argmax(axis=1) == y_test).mean())
    _, p_protos = forward(params, protos.reshape(10, 64))
    proto_labels = p_protos.argmax(axis=1)
    # The tests rely on every clean prototype being classified as itself, confidently.
    assert (proto_labels == np.arange(10)).all(), proto_labels
    assert p_protos.max(axis=1).min() > 0.9, p_protos.max(axis=1)
    assert accuracy > 0.95, accuracy
    print(f"digits: held-out accuracy {accuracy:.3f}, min prototype confidence {p_protos.max(axis=1).min():.3f}")
    return params


def mlp_graph(name, input_name, output_name, layers, final):
    """A Gemm/Relu chain over [N, features] with a dynamic batch dim, then `final` (None or an op type)."""
    nodes, inits = [], []
    current = input_name
    for i, (w, b) in enumerate(layers):
        inits.append(numpy_helper.from_array(w, f"w{i}"))
        inits.append(numpy_helper.from_array(b, f"b{i}"))
        last = i == len(layers) - 1
        gemm_out = (output_name if final is None else "logits") if last else f"gemm{i}"
        nodes.append(helper.make_node("Gemm", [current, f"w{i}", f"b{i}"], [gemm_out], name=f"gemm{i}"))
        if not last:
            nodes.append(helper.make_node("Relu", [gemm_out], [f"relu{i}"], name=f"relu{i}"))
            current = f"relu{i}"
    if final is not None:
        nodes.append(helper.make_node(final, ["logits"], [output_name], name=final.lower(), axis=1))

    features = layers[0][0].shape[0]
    classes = layers[-1][0].shape[1]
    graph = helper.make_graph(
        nodes,
        name,
        [helper.make_tensor_value_info(input_name, TensorProto.FLOAT, ["N", features])],
        [helper.make_tensor_value_info(output_name, TensorProto.FLOAT, ["N", classes])],
        initializer=inits,
    )
    model = helper.make_model(
        graph,
        opset_imports=[helper.make_opsetid("", OPSET)],
        producer_name="switchyard-make_models",
    )
    model.ir_version = IR_VERSION
    onnx.checker.check_model(model, full_check=True)
    return model


def save(model, filename):
    path = os.path.join(HERE, filename)
    onnx.save(model, path)
    print(f"wrote {path} ({os.path.getsize(path):,} bytes)")


def main():
    protos = prototypes()
    w1, b1, w2, b2 = train_digits(np.random.default_rng(20240601), protos)
    save(mlp_graph("digits", "input", "probabilities", [(w1, b1), (w2, b2)], "Softmax"), "digits.onnx")

    # Random He-initialised weights: the benchmark cares about cost, not accuracy. 256->1024->1024->10 is
    # ~1.3M parameters (~5.3 MB): a single row is a weight-bandwidth-bound GEMV, while a batch of 32 reuses
    # every weight 32 times in one GEMM, so batching pays off clearly on CPU.
    save(bench_mlp("mlp_bench", [256, 1024, 1024, 10], 7), "mlp_bench.onnx")


def bench_mlp(name, sizes, seed):
    """A Gemm/Relu MLP over the given layer sizes with seeded He-initialised random weights."""
    rng = np.random.default_rng(seed)
    layers = [
        (
            rng.normal(0.0, np.sqrt(2.0 / n_in), size=(n_in, n_out)).astype(np.float32),
            rng.normal(0.0, 0.01, size=n_out).astype(np.float32),
        )
        for n_in, n_out in zip(sizes[:-1], sizes[1:])
    ]
    return mlp_graph(name, "input", "output", layers, None)


def large_bench(path, hidden, hidden_layers):
    """The larger benchmark MLP: its batched cost per example is well above one HTTP request's (docs/benchmarks.md)."""
    sizes = [256] + [hidden] * hidden_layers + [10]
    model = bench_mlp("mlp_bench_large", sizes, 11)
    onnx.save(model, path)
    params = sum(n_in * n_out + n_out for n_in, n_out in zip(sizes[:-1], sizes[1:]))
    print(f"wrote {path} ({os.path.getsize(path):,} bytes; {'->'.join(map(str, sizes))}, {params:,} parameters)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--large-bench", metavar="OUT.onnx",
                        help="write only the larger benchmark MLP to OUT.onnx (not committed; generated at bench time)")
    parser.add_argument("--hidden", type=int, default=2048, help="width of each hidden layer (--large-bench)")
    parser.add_argument("--layers", type=int, default=4, help="number of hidden layers (--large-bench)")
    args = parser.parse_args()
    if args.large_bench:
        large_bench(args.large_bench, args.hidden, args.layers)
    else:
        main()

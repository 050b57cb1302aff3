#!/usr/bin/python3
"""Writes the ONNX models Switchyard's tests, examples and benchmarks use.

Run with Debian's interpreter (apt-get install python3-torch python3-sklearn python3-onnx python3-numpy):

    /usr/bin/python3 models/make_models.py

Trained on real data (scikit-learn's bundled `load_digits`: 1,797 real 8x8 scans of handwritten digits, pixel
values 0..16), split 80/20 with a fixed seed; the held-out fifth is written to digits_test.csv (label, then the
64 pixels row by row) and each model's accuracy on it to accuracy.json:

- digits.onnx: a small conv net. Input `image` float32 [N, 1, 8, 8] (raw pixel values 0..16); outputs
  `probabilities` float32 [N, 10] (softmax) and `label` int64 [N].
- digits_tokens.onnx: the same task read as a sequence, with two inputs of different datatypes: `tokens` int64
  [N, T] (pixel values 0..16 as token ids, row by row; T <= 64 is dynamic: a scan cut after any number of pixels)
  and `mask` float32 [N, T] (1 for a real token, 0 for padding); outputs `probabilities` [N, 10] and `label` [N].
- mlp_bench.onnx: the batching benchmark model (random weights; its outputs mean nothing).
- fixtures/*.onnx: tiny untrained graphs for the tests (every datatype, a fixed batch dimension, a non-tensor
  output).

`--large-bench OUT.onnx [--hidden N] [--layers K]` writes only a larger benchmark MLP (256->N->...->N->10, K
hidden layers, same input `input` [N, 256] and output `output` [N, 10] as mlp_bench.onnx, seeded random weights)
to OUT.onnx and nothing else. It is far too big to commit; bench/run-throughput.sh generates it (MODEL=large).

Everything is seeded; the trained weights can still differ in the last bits between torch builds.
"""

import argparse
import json
import os

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

OPSET = 17
# IR 8 is what onnx 1.12 writes for opset 17; ONNX Runtime 1.31 reads it.
IR_VERSION = 8
HERE = os.path.dirname(os.path.abspath(__file__))
SEED = 20240601


def save(model, filename):
    path = os.path.join(HERE, filename)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    model.ir_version = IR_VERSION
    onnx.checker.check_model(model, full_check=True)
    onnx.save(model, path)
    size = os.path.getsize(path)
    print(f"wrote {path} ({size:,} bytes)")
    return size


# ---------------------------------------------------------------- real data: scikit-learn's digits

def digits_split():
    from sklearn.datasets import load_digits
    from sklearn.model_selection import train_test_split

    data = load_digits()
    x = data.images.astype(np.float32)  # [1797, 8, 8], values 0..16
    y = data.target.astype(np.int64)
    return train_test_split(x, y, test_size=0.2, random_state=SEED, stratify=y)


def train(model, batches, epochs, lr):
    import torch

    optimiser = torch.optim.Adam(model.parameters(), lr=lr)
    scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimiser, epochs)
    loss_fn = torch.nn.NLLLoss()
    for _ in range(epochs):
        model.train()
        for inputs, labels in batches():
            optimiser.zero_grad()
            probabilities, _ = model(*inputs)
            loss = loss_fn(torch.log(probabilities + 1e-9), labels)
            loss.backward()
            optimiser.step()
        scheduler.step()
    model.eval()


def accuracy(model, inputs, labels):
    import torch

    with torch.no_grad():
        _, predicted = model(*inputs)
    return float((predicted.numpy() == labels).mean())


def shifted(images, rng):
    """Each image moved by up to one pixel (zeros fill in): cheap augmentation for 1,437 training images."""
    out = np.zeros_like(images)
    for i, image in enumerate(images):
        dy, dx = rng.integers(-1, 2, size=2)
        src = image[max(0, -dy):8 - max(0, dy), max(0, -dx):8 - max(0, dx)]
        out[i, max(0, dy):max(0, dy) + src.shape[0], max(0, dx):max(0, dx) + src.shape[1]] = src
    return out


def digits_conv(x_train, y_train, x_test, y_test):
    import torch
    from torch import nn

    class DigitsConv(nn.Module):
        def __init__(self):
            super().__init__()
            self.features = nn.Sequential(
                nn.Conv2d(1, 16, 3, padding=1), nn.ReLU(),
                nn.Conv2d(16, 32, 3, padding=1), nn.ReLU(),
                nn.MaxPool2d(2),
            )
            self.classifier = nn.Sequential(nn.Linear(32 * 4 * 4, 64), nn.ReLU(), nn.Linear(64, 10))

        def forward(self, image):
            h = self.features(image / 16.0)
            probabilities = torch.softmax(self.classifier(torch.flatten(h, 1)), dim=1)
            return probabilities, torch.argmax(probabilities, dim=1)

    torch.manual_seed(SEED)
    rng = np.random.default_rng(SEED)
    model = DigitsConv()

    def batches():
        order = rng.permutation(len(x_train))
        images = shifted(x_train, rng)
        for start in range(0, len(order), 64):
            idx = order[start:start + 64]
            yield (torch.from_numpy(images[idx][:, None]),), torch.from_numpy(y_train[idx])

    train(model, batches, epochs=60, lr=2e-3)
    acc = accuracy(model, (torch.from_numpy(x_test[:, None]),), y_test)
    path = os.path.join(HERE, "digits.onnx")
    torch.onnx.export(
        model, (torch.from_numpy(x_test[:2, None]),), path,
        input_names=["image"], output_names=["probabilities", "label"],
        dynamic_axes={"image": {0: "N"}, "probabilities": {0: "N"}, "label": {0: "N"}},
        opset_version=OPSET, do_constant_folding=True)
    save(onnx.load(path), "digits.onnx")
    return acc


def digits_tokens(x_train, y_train, x_test, y_test):
    import torch
    from torch import nn

    class DigitsTokens(nn.Module):
        # Each real token adds its position's vector scaled by its intensity, plus a small embedding of the
        # intensity itself; padding (mask 0) adds nothing. Then an MLP reads the sum.
        def __init__(self, hidden=64):
            super().__init__()
            self.weight = nn.Parameter(torch.randn(1, 64, hidden) * 0.2)
            self.token = nn.Embedding(17, hidden)
            self.bias = nn.Parameter(torch.zeros(hidden))
            self.classifier = nn.Sequential(nn.ReLU(), nn.Linear(hidden, 64), nn.ReLU(), nn.Linear(64, 10))

        def forward(self, tokens, mask):
            length = tokens.shape[1]
            h = self.weight[:, :length] * (tokens.float() / 16.0).unsqueeze(2) + 0.1 * self.token(tokens)
            pooled = (h * mask.unsqueeze(2)).sum(dim=1) + self.bias
            probabilities = torch.softmax(self.classifier(pooled), dim=1)
            return probabilities, torch.argmax(probabilities, dim=1)

    torch.manual_seed(SEED + 1)
    rng = np.random.default_rng(SEED + 1)
    model = DigitsTokens()
    tokens_train = x_train.reshape(len(x_train), 64).astype(np.int64)

    def batches():
        order = rng.permutation(len(x_train))
        for start in range(0, len(order), 64):
            idx = order[start:start + 64]
            # Most scans whole (70%), the rest cut after 40..63 pixels and padded: the model learns to honour the mask.
            lengths = np.where(rng.random(len(idx)) < 0.7, 64, rng.integers(40, 64, size=len(idx)))
            mask = (np.arange(64)[None, :] < lengths[:, None]).astype(np.float32)
            tokens = tokens_train[idx] * mask.astype(np.int64)
            yield (torch.from_numpy(tokens), torch.from_numpy(mask)), torch.from_numpy(y_train[idx])

    train(model, batches, epochs=60, lr=2e-3)
    tokens_test = torch.from_numpy(x_test.reshape(len(x_test), 64).astype(np.int64))
    acc = accuracy(model, (tokens_test, torch.ones(len(x_test), 64)), y_test)
    path = os.path.join(HERE, "digits_tokens.onnx")
    torch.onnx.export(
        model, (tokens_test[:2], torch.ones(2, 64)), path,
        input_names=["tokens", "mask"], output_names=["probabilities", "label"],
        dynamic_axes={"tokens": {0: "N", 1: "T"}, "mask": {0: "N", 1: "T"}, "probabilities": {0: "N"}, "label": {0: "N"}},
        opset_version=OPSET, do_constant_folding=True)
    save(onnx.load(path), "digits_tokens.onnx")
    return acc


def write_test_set(x_test, y_test):
    path = os.path.join(HERE, "digits_test.csv")
    with open(path, "w") as f:
        f.write(f"# scikit-learn load_digits, held-out 20% (train_test_split random_state={SEED}, stratified): label, 64 pixels (0..16) row by row\n")
        for image, label in zip(x_test, y_test):
            f.write(",".join([str(int(label))] + [str(int(v)) for v in image.reshape(64)]) + "\n")
    print(f"wrote {path} ({len(y_test)} held-out images)")


# ---------------------------------------------------------------- benchmark MLPs (random weights)

def mlp_graph(name, layers):
    """A Gemm/Relu chain over `input` [N, features] with a dynamic batch dim, ending in `output`."""
    nodes, inits = [], []
    current = "input"
    for i, (w, b) in enumerate(layers):
        inits.append(numpy_helper.from_array(w, f"w{i}"))
        inits.append(numpy_helper.from_array(b, f"b{i}"))
        last = i == len(layers) - 1
        gemm_out = "output" if last else f"gemm{i}"
        nodes.append(helper.make_node("Gemm", [current, f"w{i}", f"b{i}"], [gemm_out], name=f"gemm{i}"))
        if not last:
            nodes.append(helper.make_node("Relu", [gemm_out], [f"relu{i}"], name=f"relu{i}"))
            current = f"relu{i}"
    graph = helper.make_graph(
        nodes, name,
        [helper.make_tensor_value_info("input", TensorProto.FLOAT, ["N", layers[0][0].shape[0]])],
        [helper.make_tensor_value_info("output", TensorProto.FLOAT, ["N", layers[-1][0].shape[1]])],
        initializer=inits)
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)], producer_name="switchyard-make_models")


def bench_mlp(name, sizes, seed):
    """A Gemm/Relu MLP over the given layer sizes with seeded He-initialised random weights."""
    rng = np.random.default_rng(seed)
    layers = [
        (rng.normal(0.0, np.sqrt(2.0 / n_in), size=(n_in, n_out)).astype(np.float32),
         rng.normal(0.0, 0.01, size=n_out).astype(np.float32))
        for n_in, n_out in zip(sizes[:-1], sizes[1:])
    ]
    return mlp_graph(name, layers)


def large_bench(path, hidden, hidden_layers):
    """The larger benchmark MLP: its batched cost per example is well above one HTTP request's (docs/benchmarks.md)."""
    sizes = [256] + [hidden] * hidden_layers + [10]
    model = bench_mlp("mlp_bench_large", sizes, 11)
    model.ir_version = IR_VERSION
    onnx.save(model, path)
    params = sum(n_in * n_out + n_out for n_in, n_out in zip(sizes[:-1], sizes[1:]))
    print(f"wrote {path} ({os.path.getsize(path):,} bytes; {'->'.join(map(str, sizes))}, {params:,} parameters)")


# ---------------------------------------------------------------- test fixtures (untrained)

ALL_TYPES = [
    ("bool", TensorProto.BOOL), ("uint8", TensorProto.UINT8), ("uint16", TensorProto.UINT16),
    ("uint32", TensorProto.UINT32), ("uint64", TensorProto.UINT64), ("int8", TensorProto.INT8),
    ("int16", TensorProto.INT16), ("int32", TensorProto.INT32), ("int64", TensorProto.INT64),
    ("fp16", TensorProto.FLOAT16), ("fp32", TensorProto.FLOAT), ("fp64", TensorProto.DOUBLE),
    ("bytes", TensorProto.STRING),
]


def fixture(name, nodes, inputs, outputs, initializers=()):
    graph = helper.make_graph(nodes, name, inputs, outputs, initializer=list(initializers))
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)], producer_name="switchyard-make_models")


def fixtures():
    # Every datatype of the protocol: `x_<type>` [N, 2] passed through to `y_<type>`.
    save(fixture(
        "all_types",
        [helper.make_node("Identity", [f"x_{n}"], [f"y_{n}"], name=f"id_{n}") for n, _ in ALL_TYPES],
        [helper.make_tensor_value_info(f"x_{n}", t, ["N", 2]) for n, t in ALL_TYPES],
        [helper.make_tensor_value_info(f"y_{n}", t, ["N", 2]) for n, t in ALL_TYPES]), "fixtures/all_types.onnx")

    # A fixed batch dimension: unbatchable. `y` = 2 * `x`, both float32 [1, 3].
    save(fixture(
        "fixed_batch",
        [helper.make_node("Mul", ["x", "two"], ["y"], name="double")],
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 3])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 3])],
        [numpy_helper.from_array(np.array(2.0, dtype=np.float32), "two")]), "fixtures/fixed_batch.onnx")

    # A non-tensor output beside a tensor one, as scikit-learn converters emit: `y` = `x` [N, 2], and `parts`,
    # a sequence of tensors.
    save(fixture(
        "sequence_output",
        [helper.make_node("Identity", ["x"], ["y"], name="id"),
         helper.make_node("SequenceConstruct", ["x", "x"], ["parts"], name="parts")],
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N", 2])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["N", 2]),
         helper.make_tensor_sequence_value_info("parts", TensorProto.FLOAT, ["N", 2])]), "fixtures/sequence_output.onnx")

    # Dynamic non-batch dimensions: `total` [N] = the sum of each row of `x` float32 [N, T]; `x` comes back as
    # `same` [N, T].
    save(fixture(
        "row_sums",
        [helper.make_node("ReduceSum", ["x", "axes"], ["total"], name="sum", keepdims=0),
         helper.make_node("Identity", ["x"], ["same"], name="id")],
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N", "T"])],
        [helper.make_tensor_value_info("total", TensorProto.FLOAT, ["N"]),
         helper.make_tensor_value_info("same", TensorProto.FLOAT, ["N", "T"])],
        [numpy_helper.from_array(np.array([1], dtype=np.int64), "axes")]), "fixtures/row_sums.onnx")


def main():
    x_train, x_test, y_train, y_test = digits_split()
    write_test_set(x_test, y_test)
    results = {}
    # The image model must be good enough to be the README's example; the sequence model exercises two inputs.
    for name, make, floor in (("digits.onnx", digits_conv, 0.95), ("digits_tokens.onnx", digits_tokens, 0.9)):
        acc = make(x_train, y_train, x_test, y_test)
        assert acc >= floor, f"{name}: held-out accuracy {acc:.4f} is below {floor}"
        results[name] = {
            "dataset": "scikit-learn load_digits (1,797 real 8x8 scans)",
            "train": int(len(y_train)), "held_out": int(len(y_test)),
            "held_out_accuracy": round(acc, 4),
            "held_out_file": "digits_test.csv",
        }
        print(f"{name}: held-out accuracy {acc:.4f}")

    # Random He-initialised weights: the benchmark cares about cost, not accuracy. 256->1024->1024->10 is
    # ~1.3M parameters (~5.3 MB): a single row is a weight-bandwidth-bound GEMV, while a batch of 32 reuses
    # every weight 32 times in one GEMM, so batching pays off clearly on CPU.
    save(bench_mlp("mlp_bench", [256, 1024, 1024, 10], 7), "mlp_bench.onnx")
    fixtures()
    with open(os.path.join(HERE, "accuracy.json"), "w") as f:
        json.dump(results, f, indent=2)
        f.write("\n")
    print(f"wrote {os.path.join(HERE, 'accuracy.json')}")


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

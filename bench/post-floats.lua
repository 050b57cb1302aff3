-- wrk script for bench/run-throughput.sh: every request POSTs one example for models/mlp_bench.onnx, a JSON
-- array of 256 random floats with six decimals (about 2.3 KB), the same body for every server measured.
math.randomseed(42)
local values = {}
for i = 1, 256 do
  values[i] = string.format("%.6f", math.random())
end

wrk.method = "POST"
wrk.body = "[" .. table.concat(values, ",") .. "]"
wrk.headers["Content-Type"] = "application/json"

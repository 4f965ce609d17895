-- Shared by the scripts: one machine-readable line at the end of a wrk run, read by bench/run.sh.
-- requests, seconds, p50 µs, p99 µs, non-2xx responses, socket errors
function report(summary, latency)
  local errors = summary.errors
  io.write(string.format("RESULT %d %.3f %d %d %d %d\n",
    summary.requests, summary.duration / 1e6,
    latency:percentile(50), latency:percentile(99),
    errors.status, errors.connect + errors.read + errors.write + errors.timeout))
end

-- POST a different flower every time, inside the training ranges (what no cache can serve).
-- Each wrk thread walks its own stretch of a grid of 97 × 89 × 83 × 79 flowers.
dofile("report.lua")
local threads = 0
setup = function(thread)
  thread:set("first", threads * 10000000)
  threads = threads + 1
end
local counter
init = function(args)
  counter = first
end
request = function()
  counter = counter + 1
  local i = counter
  local body = string.format('{"sepalLength":%.4f,"sepalWidth":%.4f,"petalLength":%.4f,"petalWidth":%.4f}',
    4.3 + (i % 97) * 0.037, 2.0 + (math.floor(i / 97) % 89) * 0.027,
    1.0 + (math.floor(i / 8633) % 83) * 0.071, 0.1 + (math.floor(i / 716539) % 79) * 0.030)
  return wrk.format("POST", nil, { ["Content-Type"] = "application/json" }, body)
end
done = report

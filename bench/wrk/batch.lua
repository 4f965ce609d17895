-- POST /predict/batch with 1,000 flowers as arrays (about 18 KiB), the training rows repeated.
dofile("report.lua")
local rows = {}
local flowers = { "[5.1,3.5,1.4,0.2]", "[7.0,3.2,4.7,1.4]", "[6.3,3.3,6.0,2.5]", "[4.9,3.0,1.4,0.2]", "[5.8,2.7,5.1,1.9]" }
for i = 1, 1000 do rows[i] = flowers[(i % #flowers) + 1] end
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"instances":[' .. table.concat(rows, ",") .. ']}'
done = report

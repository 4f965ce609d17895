-- POST the same flower every time (what a cache can serve). The URL gives the path.
dofile("report.lua")
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"sepalLength":6.3,"sepalWidth":3.3,"petalLength":6.0,"petalWidth":2.5}'
done = report

-- The ceiling: the same journeys with wrk (no JSON read; the endpoint's presign URL is fixed, so a
-- thread alternates presign and PUT). WRK_JOURNEY picks one.
local journey = os.getenv("WRK_JOURNEY")
local boundary = "mm-bench-boundary"
local page_up = string.rep("u", 100 * 1024)
local page_put = string.rep("p", 500 * 1024)
local upload = wrk.format("POST", "/api/upload",
  { ["Content-Type"] = "multipart/form-data; boundary=" .. boundary, ["X-User-ID"] = "bench" },
  "--" .. boundary .. "\r\nContent-Disposition: form-data; name=\"pages\"; filename=\"page.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n"
  .. page_up .. "\r\n--" .. boundary .. "--\r\n")
local presign = wrk.format("POST", "/api/presign", { ["Content-Type"] = "application/json" },
  '{"filename":"p.jpg","contentType":"image/jpeg","fileSizeBytes":512000}')
local put = wrk.format("PUT", "/s3/bench-page", { ["Content-Type"] = "image/jpeg" }, page_put)
local n = 0
function request()
  if journey == "upload" then return upload end
  n = n + 1
  if n % 2 == 1 then return presign else return put end
end
function done(summary, latency, requests)
  io.write(string.format("FIGURES %d %d %d %d %d\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end

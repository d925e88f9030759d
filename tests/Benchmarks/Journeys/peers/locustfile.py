# The guide's journeys for Locust (FastHttpUser), as the suite's engine runs them:
#   upload:  multipart POST of a 100 KB page to /api/upload, read the JSON answer's jobId
#   presign: POST JSON to /api/presign, read the url, PUT 500 KB to it
# MM_JOURNEY picks one; MM_USER_RATE > 0 paces each user (constant_throughput), else no pause.
import json
import os

from locust import FastHttpUser, constant, constant_throughput, task

JOURNEY = os.environ["MM_JOURNEY"]
RATE = float(os.environ.get("MM_USER_RATE", "0"))
BOUNDARY = "mm-bench-boundary"
UPLOAD = (f"--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"pages\"; filename=\"page.jpg\"\r\n"
          f"Content-Type: image/jpeg\r\n\r\n").encode() + os.urandom(100 * 1024) + f"\r\n--{BOUNDARY}--\r\n".encode()
PAGE = os.urandom(500 * 1024)


class Journey(FastHttpUser):
    wait_time = constant_throughput(RATE) if RATE > 0 else constant(0)

    @task
    def journey(self):
        if JOURNEY == "upload":
            with self.client.post("/api/upload", data=UPLOAD, name="upload", catch_response=True,
                                  headers={"Content-Type": f"multipart/form-data; boundary={BOUNDARY}", "X-User-ID": "bench"}) as r:
                if r.status_code != 200 or "jobId" not in json.loads(r.content):
                    r.failure("no jobId")
        else:
            with self.client.post("/api/presign", json={"filename": "p.jpg", "contentType": "image/jpeg", "fileSizeBytes": len(PAGE)},
                                  name="presign", catch_response=True) as r:
                url = json.loads(r.content).get("url") if r.status_code == 200 else None
                if url is None:
                    r.failure("no url")
                    return
            self.client.put(url, data=PAGE, name="s3_put", headers={"Content-Type": "image/jpeg"})

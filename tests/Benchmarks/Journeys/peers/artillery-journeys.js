// Request bodies for artillery.yml: a 100 KB multipart page for the upload, 500 KB for the PUT.
const crypto = require('crypto');
const boundary = 'mm-bench-boundary';
const upload = Buffer.concat([
  Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="pages"; filename="page.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`),
  crypto.randomBytes(100 * 1024),
  Buffer.from(`\r\n--${boundary}--\r\n`),
]);
const page = crypto.randomBytes(500 * 1024);

function uploadBody(req, context, ee, next) {
  req.body = upload;
  req.headers = { ...(req.headers || {}), 'content-type': `multipart/form-data; boundary=${boundary}`, 'x-user-id': 'bench' };
  return next();
}

function pageBody(req, context, ee, next) {
  req.body = page;
  req.headers = { ...(req.headers || {}), 'content-type': 'image/jpeg' };
  return next();
}

module.exports = { uploadBody, pageBody };

const fs = require('fs');
const os = require('os');
const path = require('path');
const { execSync } = require('child_process');
const { S3Client, PutObjectCommand } = require('@aws-sdk/client-s3');

const s3 = new S3Client({}); // safe: one client per environment

// Hazard: a callback handler. The LMI Node.js runtime refuses handlers that
// take (event, context, callback).
exports.handler = function (event, context, callback) {
  context.callbackWaitsForEmptyEventLoop = false;
  render(event, context)
    .then((key) => callback(null, { key }))
    .catch(callback);
};

async function render(event, context) {
  // Hazard: every concurrent invocation writes the same file.
  fs.writeFileSync('/tmp/report.csv', toCsv(event.rows));
  execSync('gzip -kf /tmp/report.csv');

  // Safe: a directory of its own per request.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'report-'));
  const file = path.join(dir, `${context.awsRequestId}.csv`);
  fs.writeFileSync(file, toCsv(event.rows));

  // Hazard: the environment is shared by requests in flight.
  process.env.REPORT_OWNER = event.owner;

  const key = `reports/${context.awsRequestId}.csv`;
  await s3.send(new PutObjectCommand({ Bucket: process.env.BUCKET, Key: key, Body: fs.readFileSync(file) }));
  fs.rmSync(dir, { recursive: true, force: true });
  return key;
}

function toCsv(rows = []) {
  return rows.map((r) => r.join(',')).join('\n');
}

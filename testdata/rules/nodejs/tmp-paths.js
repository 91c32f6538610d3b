const fs = require('fs');
const fsp = require('fs/promises');
const fse = require('fs-extra');
const path = require('path');
const os = require('os');
const { execSync, exec, spawn } = require('child_process');
const { randomUUID } = require('crypto');

const TMP_DIR = '/tmp';
const CACHE_FILE = '/tmp/cache.json';
const NAME = 'report';

fs.writeFileSync('/tmp/init.json', '{}'); // ok: init code runs once per environment

exports.handler = async (event, context) => {
  await fsp.writeFile('/tmp/data.json', '{}'); // want "LMI005"
  fs.appendFileSync('/tmp/log.txt', 'line\n'); // want "LMI005"
  const ws = fs.createWriteStream(`/tmp/${NAME}.csv`); // want "LMI005"
  const cached = fs.readFileSync(CACHE_FILE, 'utf8'); // ok: only read during invocations; nothing here writes it per request
  await fsp.unlink(path.join('/tmp', 'old.json')); // want "LMI005"
  await fsp.rm(path.join(os.tmpdir(), 'work'), { recursive: true, force: true }); // want "LMI005"
  await fsp.mkdir('/tmp/work', { recursive: true }); // ok: creating a shared folder is idempotent
  await fse.outputJson(path.join(TMP_DIR, 'out.json'), {}); // want "LMI005"
  await fsp.copyFile(
    '/tmp/a.bin', // want "LMI005"
    '/tmp/b.bin', // want "LMI005"
  );
  fs.renameSync(
    `/tmp/${event.id}.part`, // ok: per-request name
    '/tmp/final.bin', // want "LMI005"
  );
  execSync('tar -xzf /tmp/bundle.tgz -C /tmp/out'); // want "LMI005"
  exec(`ffmpeg -i /tmp/in.mp4 /tmp/out.mp4`, () => {}); // want "LMI005"
  spawn('rm -rf /tmp/scratch', { shell: true }); // want "LMI005"

  fs.writeFileSync(`/tmp/${context.awsRequestId}.json`, '{}'); // ok: request id in the name
  fs.writeFileSync(path.join(os.tmpdir(), `${randomUUID()}.json`), '{}'); // ok: random name
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'job-')); // ok: mkdtemp makes a unique folder
  await fsp.writeFile(path.join(dir, 'a.txt'), 'x'); // ok: inside the unique folder
  const names = fs.readdirSync('/tmp'); // ok: /tmp alone
  fs.writeFileSync(`/tmp/${event.jobId}/result.txt`, 'x'); // ok: per-request value in the path
  const upload = `/tmp/upload-${context.awsRequestId}`;
  fs.writeFileSync(upload, 'x'); // ok: path built from the request id
  fs.writeFileSync('/tmpdata/x.json', '{}'); // ok: not under /tmp (prefix decoy)
  execSync(`convert ${dir}/in.png ${dir}/out.png`); // ok: command only uses the unique folder
  return { cached, names, ws: !!ws };
};

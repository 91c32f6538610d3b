let lastRun = 0;

async function run(event) {
  lastRun = Date.now(); // want "LMI001"
  return event;
}

export { run as handler };

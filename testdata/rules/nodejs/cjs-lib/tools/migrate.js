let applied = 0;

function run() {
  applied++; // ok: script code only reached from its own top level
}

run();

// A CommonJS script without "use strict": assigning an undeclared name makes
// a process-wide global.
exports.handler = async (e) => {
  result = e.x; // want "LMI003"
  hits = (typeof hits === 'number' ? hits : 0) + 1; // want "LMI001"
  await Promise.resolve();
  return result;
};

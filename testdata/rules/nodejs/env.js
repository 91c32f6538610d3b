process.env.INIT_FLAG = '1'; // ok: init code may set the environment
Object.assign(process.env, { FROM_INIT: 'yes' }); // ok: init code
delete process.env.UNUSED_AT_INIT; // ok: init code

function setStage(s) {
  process.env.STAGE = s; // want "LMI008"
}

function configureOnce() {
  process.env.NEVER = 'x'; // ok: not reachable from any handler
}

exports.handler = async (event) => {
  process.env.TENANT = 'acme'; // want "LMI008"
  delete process.env.TEMP_TOKEN; // want "LMI008"
  Object.assign(process.env, { REGION: 'eu-west-1' }); // want "LMI008"
  process.env['DYNAMIC_KEY'] = 'y'; // want "LMI008"
  setStage('prod');
  const env = { ...process.env };
  env.LOCAL = '1'; // ok: writes a copy of the environment
  const region = process.env.AWS_REGION; // ok: read only
  return { region, env };
};

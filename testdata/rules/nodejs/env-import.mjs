// LMI008 false negative: `env` imported from node:process IS process.env
// (the alias `const e = process.env; e.X = …` is reported, this is not).
import { env } from 'node:process';

export const handler = async (event) => {
  env.TENANT = 'acme'; // want "LMI008"
  delete env.TOKEN; // want "LMI008"
  return event;
};

import type { Context } from 'aws-lambda';
import { bump, snapshot } from './util.js';
import { store } from './services';

interface Evt {
  key: string;
}

export const handler = async (event: Evt, context: Context): Promise<number> => {
  bump();
  store.remember(event.key);
  store.touch();
  return snapshot();
};

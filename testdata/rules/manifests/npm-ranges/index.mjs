export const handler = async (event) => {
  return { ok: true };
};

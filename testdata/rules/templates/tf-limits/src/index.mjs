export const handler = async (event) => ({ ok: true });

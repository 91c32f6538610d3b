export const handler = async (event) => ({ ok: true, id: event?.id });

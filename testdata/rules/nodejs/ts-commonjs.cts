let n = 0;

exports.handler = async (event: unknown): Promise<number> => {
  n++; // want "LMI001"
  return n;
};

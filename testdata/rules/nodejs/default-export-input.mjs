let runs = 0;

export default async (input) => {
  runs += 1; // want "LMI001"
  return input;
};

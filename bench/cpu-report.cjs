// Preloaded (`node --require`) into each child process of bench (c). At exit it writes the CPU time of
// the whole process so far, user + system over all its threads, in microseconds, to file descriptor 3.
// The child runs its script exactly as a user would; this file adds one listener and one write.
const { writeSync } = require("node:fs");

process.on("exit", () => {
  const { user, system } = process.cpuUsage();
  writeSync(3, `${user + system}\n`);
});

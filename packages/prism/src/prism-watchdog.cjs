// Preloaded into Prism (NODE_OPTIONS=--require …): the parent holds the other end of our stdin pipe, so
// when the parent dies, even by SIGKILL or a crashed test, stdin ends and Prism exits with it.
process.stdin.on("end", () => process.exit(0));
process.stdin.on("error", () => process.exit(0));
process.stdin.resume();

// Preloaded into Prism (NODE_OPTIONS=--require …): the test process holds the other end of Prism's stdin,
// so when the test process dies, even by SIGKILL, stdin ends and Prism exits with it.
process.stdin.on("end", () => process.exit(0));
process.stdin.on("error", () => process.exit(0));
process.stdin.resume();

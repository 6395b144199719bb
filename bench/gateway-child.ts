// Child process: the gateway exactly as `npm start` runs it (src/main.ts, same process and
// pid), plus one thing main.ts cannot know: if the benchmark driver dies, even by SIGKILL,
// the IPC channel closes and the gateway shuts down through its own SIGTERM path.
process.once('disconnect', () => {
  process.kill(process.pid, 'SIGTERM');
});
await import('../src/main.js');

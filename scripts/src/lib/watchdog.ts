/**
 * Preloaded (`node --import`) into every process `npm start` launches: a child ends when its
 * launcher is gone, however the launcher ended. A launcher killed by SIGKILL, or by a SIGHUP it
 * had no time to act on, runs no cleanup, so its children must notice by themselves: the IPC
 * channel to it closes, or its pid stops being their parent.
 */
const launcher = Number(process.env.ZHONGTAI_LAUNCHER_PID);

let orphaned = false;
function leave(): void {
  if (orphaned) return;
  orphaned = true;
  // SIGTERM runs the process's own graceful stop (the embedded database closed, its lock let go);
  // a stop that hangs must not keep the ports held.
  setTimeout(() => process.exit(1), 3000).unref();
  process.kill(process.pid, 'SIGTERM');
}

if (Number.isInteger(launcher) && launcher > 0) {
  process.on('disconnect', leave);
  // The channel is only a signal of the launcher's life: it must not keep a finished job running.
  process.channel?.unref();
  setInterval(() => {
    if (process.ppid !== launcher) leave();
  }, 250).unref();
}

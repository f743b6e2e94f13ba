// Long operations show a progress bar on a terminal and plain progress lines otherwise
// (logs, CI), so operators can script them.
import cliProgress from 'cli-progress';

export interface Progress {
  update(done: number, total?: number): void;
  stop(): void;
}

export function progress(
  label: string,
  total: number,
  stream: NodeJS.WriteStream = process.stderr,
): Progress {
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      { format: `${label} [{bar}] {percentage}% | {value}/{total}`, stream, hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    bar.start(Math.max(total, 1), 0);
    return {
      update: (done, t) => {
        if (t !== undefined) bar.setTotal(Math.max(t, 1));
        bar.update(done);
      },
      stop: () => bar.stop(),
    };
  }
  let lastPrinted = -1;
  let lastTotal = total;
  return {
    update(done, t) {
      if (t !== undefined) lastTotal = t;
      const pct = lastTotal > 0 ? Math.floor((done / lastTotal) * 10) * 10 : 100;
      if (pct !== lastPrinted) {
        lastPrinted = pct;
        stream.write(`${label}: ${done}/${lastTotal} (${pct}%)\n`);
      }
    },
    stop() {
      stream.write(`${label}: done\n`);
    },
  };
}

// Runs in the dashboard page of bench/ui.bench.ts (added as an init script, so before the
// app): notes when the counts and the province bars are first painted, answers a click on
// a province, and records frames, long tasks and live updates. Plain JavaScript: the
// benchmark's TypeScript has no DOM types.
(() => {
  const bars = () => [...document.querySelectorAll('[data-testid="area-progress"] tbody tr[data-area]')];
  const painted = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  const probe = { ready: null, frames: [], longTasks: [], updates: 0, recording: false };

  const observer = new MutationObserver(() => {
    const counts = document.querySelector('[data-testid="count-assigned"]')?.textContent?.trim();
    if (!counts || bars().length === 0) return;
    observer.disconnect();
    void painted().then(() => (probe.ready = performance.now()));
  });
  observer.observe(document, { childList: true, subtree: true, characterData: true });

  /** Clicks the first province; resolves with the ms until its communes' bars are painted. */
  probe.drillDown = async () => {
    const link = document.querySelector('[data-testid="area-progress"] tbody tr[data-area] a');
    if (!link) throw new Error('no province link');
    const clicked = performance.now();
    link.click();
    await new Promise((resolve) => {
      const check = () => {
        const rows = bars();
        if (rows.length > 0 && rows.every((r) => (r.getAttribute('data-area') ?? '').length === 5)) resolve();
        else requestAnimationFrame(check);
      };
      check();
    });
    await painted();
    return performance.now() - clicked;
  };

  probe.count = (status) => Number(document.querySelector(`[data-testid="count-${status}"]`)?.textContent?.replace(/\D/g, '') ?? 'NaN');

  probe.startRecording = () => {
    probe.recording = true;
    const tick = (now) => {
      probe.frames.push(now);
      if (probe.recording) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) probe.longTasks.push(entry.duration);
    }).observe({ type: 'longtask' });
    const counts = document.querySelector('[data-testid="count-in_review"]');
    if (counts) new MutationObserver(() => probe.updates++).observe(counts, { childList: true, subtree: true, characterData: true });
  };

  probe.stopRecording = () => {
    probe.recording = false;
    const gaps = probe.frames.slice(1).map((t, i) => t - probe.frames[i]);
    return { gaps, longTasks: probe.longTasks, updates: probe.updates, seconds: (probe.frames.at(-1) - probe.frames[0]) / 1000 };
  };

  window.benchProbe = probe;
})();

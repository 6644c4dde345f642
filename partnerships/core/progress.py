"""A progress bar for commands on a terminal (tqdm), fed by the same `progress(done, total, message)`
calls a background job's page shows. Off a terminal (CI, cron, a pipe) it stays silent."""

from contextlib import contextmanager

from tqdm import tqdm


@contextmanager
def terminal_bar(stream, unit: str = "records"):
    """Yield a callable for `core.jobs.Progress(bar=…)`; draws on `stream` only if it is a terminal."""
    target = getattr(stream, "_out", stream)  # a command's OutputWrapper wraps the real stream
    if not (hasattr(target, "isatty") and target.isatty()):
        yield None
        return
    bar = tqdm(file=target, unit=unit, dynamic_ncols=True, leave=False)
    last = {"total": None}

    def update(done: int, total: int | None = None, message: str = "") -> None:
        if total != last["total"]:
            bar.reset(total=total)
            last["total"] = total
        bar.n = done
        if message:
            bar.set_description_str(message[:40], refresh=False)
        bar.refresh()

    try:
        yield update
    finally:
        bar.close()

"""The wait() progress bar picks its form from where it runs: Jupyter, a terminal, or a log."""
import io
import sys
import types

from trainservice import progress


class FakeTty(io.StringIO):
    def isatty(self):
        return True


def test_on_a_terminal_the_bar_is_redrawn_on_one_line():
    stream = FakeTty()
    bar = progress.progress_bar("job", 4, stream=stream)
    assert isinstance(bar, progress.TerminalProgress)
    bar.update(status="running", epoch=2, loss=0.5)
    bar.close("succeeded")
    out = stream.getvalue()
    assert out.count("\n") == 1 and out.endswith("\n")
    assert "\r[" + "#" * 15 + "-" * 15 + "] job: running, epoch 2/4, loss 0.5" in out
    assert "job: succeeded" in out.splitlines()[-1]


def test_in_a_log_it_prints_a_line_per_tenth_and_per_status():
    stream = io.StringIO()
    bar = progress.progress_bar("job", 100, stream=stream)
    assert isinstance(bar, progress.LineProgress)
    bar.update(status="running")
    for epoch in range(1, 101):
        bar.update(epoch=epoch)
    bar.update(status="succeeded")
    bar.close("succeeded")
    lines = stream.getvalue().splitlines()
    assert len(lines) == 1 + 10 + 1  # running, each tenth, succeeded (close repeats nothing)
    assert lines[-1].startswith("job: succeeded, epoch 100/100")


def test_in_jupyter_it_updates_one_html_progress_element(monkeypatch):
    shown = []

    class Handle:
        def update(self, obj):
            shown.append(obj)

    class ZMQInteractiveShell:  # the class name Jupyter kernels use
        pass

    display_module = types.ModuleType("IPython.display")
    display_module.HTML = lambda text: text
    display_module.display = lambda obj, display_id: shown.append(obj) or Handle()
    ipython = types.ModuleType("IPython")
    ipython.get_ipython = lambda: ZMQInteractiveShell()
    ipython.display = display_module
    monkeypatch.setitem(sys.modules, "IPython", ipython)
    monkeypatch.setitem(sys.modules, "IPython.display", display_module)

    bar = progress.progress_bar("job", 10)
    assert isinstance(bar, progress.NotebookProgress)
    bar.update(status="running", epoch=3)
    bar.close("succeeded")
    assert '<progress value="3" max="10"' in shown[1]
    assert "job: succeeded, epoch 3/10" in shown[-1]


def test_outside_jupyter_an_ipython_import_does_not_mean_a_notebook(monkeypatch):
    ipython = types.ModuleType("IPython")
    ipython.get_ipython = lambda: None
    monkeypatch.setitem(sys.modules, "IPython", ipython)
    assert isinstance(progress.progress_bar("job", 1, stream=io.StringIO()), progress.LineProgress)


def test_progress_false_draws_nothing(capsys):
    bar = progress.progress_bar("job", 3, enabled=False)
    bar.update(status="running", epoch=1)
    bar.close("succeeded")
    assert capsys.readouterr() == ("", "")

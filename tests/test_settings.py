from pathlib import Path

from assistant import settings


def test_every_setting_has_env_default_and_help():
    for env, default, help_text in settings.describe():
        assert env.startswith("YQPLAN_") and help_text, env
        assert default is not None


def test_every_setting_is_documented_in_readme():
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    missing = [env for env, _, _ in settings.describe() if env not in readme]
    assert not missing, f"README 未说明这些配置项：{missing}"


def test_environment_overrides_default():
    s = settings.load({"YQPLAN_MODE": "public", "YQPLAN_SQL_MAX_ROWS": "7"})
    assert s.public and s.max_rows == 7
    assert not settings.load({}).public

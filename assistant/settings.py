"""Every setting of the product, declared once: environment variable, default, help."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _setting(env: str, default: str, help: str):
    return field(default=default, metadata={"env": env, "help": help})


@dataclass(frozen=True)
class Settings:
    corpus_dir: str = _setting(
        "YQPLAN_CORPUS_DIR", str(ROOT / "corpus"),
        "规划文本目录：放入 PDF/DOCX/MD/TXT 后重建索引即可被引用")
    index_dir: str = _setting(
        "YQPLAN_INDEX_DIR", str(ROOT / "indexes"),
        "检索索引（Chroma、BM25）所在目录，可随时删除重建")
    db_path: str = _setting(
        "YQPLAN_DB_PATH", str(ROOT / "indexes" / "plan.duckdb"),
        "图层与指标数据库（DuckDB）文件路径")
    db_url: str = _setting(
        "YQPLAN_DB_URL", "",
        "PostGIS 图层库地址，如 postgresql://用户@主机:5432/yqplan；设置后读 PostGIS（yqplan 模式），留空用 DuckDB 文件")
    check_backend: str = _setting(
        "YQPLAN_CHECK_BACKEND", "memory",
        "选址核查方式：memory（图层载入内存索引，快，需内存）或 server（每次在 PostGIS 上用 GiST 索引查询，不占副本内存）")
    data_version_check_s: str = _setting(
        "YQPLAN_DATA_VERSION_CHECK_S", "3",
        "多副本部署时检查图层库数据版本（meta.data_version）的最短间隔秒数；版本变了就重新载入索引与地图缓存")
    admin_geojson: str = _setting(
        "YQPLAN_ADMIN_GEOJSON", str(ROOT / "corpus" / "yangquan_admin.geojson"),
        "阳泉市及各县区行政界线（EPSG:4490）")
    embedding_model: str = _setting(
        "YQPLAN_EMBEDDING_MODEL", "use-multilingual",
        "向量模型：内置离线中文模型 use-multilingual，或本地 sentence-transformers 模型目录路径")
    llm_provider: str = _setting(
        "YQPLAN_LLM_PROVIDER", "",
        "可选大模型：留空不用；openai（OpenAI 兼容接口，如本地 Qwen）或 ollama")
    llm_base_url: str = _setting(
        "YQPLAN_LLM_BASE_URL", "", "大模型接口地址，例如 http://127.0.0.1:8000/v1")
    llm_model: str = _setting("YQPLAN_LLM_MODEL", "", "大模型名称，例如 qwen2.5-7b-instruct")
    llm_api_key: str = _setting("YQPLAN_LLM_API_KEY", "", "大模型接口密钥（本地服务可留空）")
    llm_role: str = _setting(
        "YQPLAN_LLM_ROLE", "both",
        "大模型用途：rephrase（只改写答案）、read（只读题）或 both；改写逐句核对，读题只选方案词汇")
    llm_timeout_s: str = _setting("YQPLAN_LLM_TIMEOUT_S", "20", "单次大模型调用的最长秒数，超时改用离线答案")
    llm_budget_s: str = _setting("YQPLAN_LLM_BUDGET_S", "30", "一个回答中大模型调用（读题加改写）合计最长秒数")
    llm_max_reply_tokens: str = _setting("YQPLAN_LLM_MAX_TOKENS", "1024", "单次大模型回复的最多 token 数")
    mode: str = _setting(
        "YQPLAN_MODE", "staff",
        "staff（规划工作人员，全部功能）或 public（公众查询，不返回管控线几何与 SQL）")
    sql_timeout_s: str = _setting("YQPLAN_SQL_TIMEOUT_S", "5", "单条 SQL 的最长执行秒数")
    sql_max_rows: str = _setting("YQPLAN_SQL_MAX_ROWS", "1000", "单条 SQL 最多返回的行数")
    public_rate_limit: str = _setting(
        "YQPLAN_PUBLIC_RATE_LIMIT", "30", "公众模式下每个客户端每分钟最多请求次数")
    public_daily_quota: str = _setting(
        "YQPLAN_PUBLIC_DAILY_QUOTA", "500", "公众模式下每个客户端每天最多请求次数（与每分钟限流同时生效）")
    public_band_m: str = _setting(
        "YQPLAN_PUBLIC_BAND_M", "50",
        "公众模式的位置精度（米）：距管控线边界此距离内只答“边界附近”，结果按此边长的网格给出，防止追踪边界")
    trusted_proxies: str = _setting(
        "YQPLAN_TRUSTED_PROXIES", "",
        "可信反向代理的 IP（逗号分隔）：只有来自这些地址的 X-Forwarded-For 才被采信；留空则一律不采信")
    max_question_chars: str = _setting(
        "YQPLAN_MAX_QUESTION_CHARS", "500", "单个问题最多字符数，超出直接拒绝（在分词与检索之前）")
    max_upload_mb: str = _setting(
        "YQPLAN_MAX_UPLOAD_MB", "20", "网页上传文件的大小上限（MB），两种模式都生效")
    debug: str = _setting(
        "YQPLAN_DEBUG", "", "设为 1 时命令行在内部错误后打印完整的 Python 调用栈（默认只打印中文提示）")
    tianditu_key: str = _setting(
        "YQPLAN_TIANDITU_KEY", "", "天地图密钥：配置后地图可叠加在线底图，留空则完全离线")
    basemap_url: str = _setting(
        "YQPLAN_BASEMAP_URL", "", "网页地图底图瓦片地址（XYZ 模板，如内网瓦片服务 http://内网/{z}/{x}/{y}.png），留空则只用离线底图")

    @property
    def store(self) -> str:
        """Where the layers are read from: the PostGIS URL when set, else the DuckDB file."""
        return self.db_url.strip() or self.db_path

    @property
    def check_on_server(self) -> bool:
        return bool(self.db_url.strip()) and self.check_backend.strip().lower() == "server"

    @property
    def version_check_s(self) -> float:
        return float(self.data_version_check_s)

    @property
    def sql_timeout(self) -> float:
        return float(self.sql_timeout_s)

    @property
    def max_rows(self) -> int:
        return int(self.sql_max_rows)

    @property
    def llm_timeout(self) -> float:
        return float(self.llm_timeout_s)

    @property
    def llm_budget(self) -> float:
        return float(self.llm_budget_s)

    @property
    def llm_max_tokens(self) -> int:
        return int(self.llm_max_reply_tokens)

    @property
    def question_limit(self) -> int:
        return int(self.max_question_chars)

    @property
    def upload_limit_bytes(self) -> int:
        return int(float(self.max_upload_mb) * 1024 * 1024)

    @property
    def band_m(self) -> float:
        return float(self.public_band_m)

    @property
    def proxies(self) -> list[str]:
        return [p.strip() for p in self.trusted_proxies.split(",") if p.strip()]

    @property
    def public(self) -> bool:
        return self.mode.strip().lower() == "public"

    def with_paths(self, **overrides: str) -> Settings:
        return replace(self, **overrides)


def describe() -> list[tuple[str, str, str]]:
    """(env var, default, help) for each setting, for the README and `yqplan settings`."""
    return [(f.metadata["env"], f.default, f.metadata["help"]) for f in fields(Settings)]


def load(environ: dict[str, str] | None = None) -> Settings:
    env = os.environ if environ is None else environ
    values = {f.name: env[f.metadata["env"]] for f in fields(Settings) if f.metadata["env"] in env}
    return Settings(**values)

"""Chinese word segmentation for BM25: jieba plus the plan's own planning vocabulary."""

from __future__ import annotations

import logging
import re
import threading

# Real planning vocabulary of 国土空间规划 (and of this plan), so jieba keeps each term whole.
PLANNING_TERMS = (
    "国土空间", "国土空间规划", "总体规划", "动态维护", "动态调整",
    "三条控制线", "三区三线", "永久基本农田", "基本农田", "耕地保护",
    "生态保护红线", "城镇开发边界", "历史文化保护线", "洪涝风险控制线", "控制线",
    "城市绿线", "城市紫线", "城市蓝线", "城市黄线", "重要控制线",
    "规划分区", "生态保护区", "生态控制区", "农田保护区", "城镇发展区", "乡村发展区",
    "矿产能源发展区", "中心城区", "市辖区", "市域", "县域",
    "扩展倍数", "扩展规模", "预留机动规模", "机动规模", "建设用地规模", "城镇建设用地",
    "新增城镇用地", "现状建设用地", "等量增减", "等量进出", "正向优化",
    "重点建设项目", "重点项目", "项目清单", "精准上图", "示意上图", "增补清单", "一张图",
    "上图入库", "成果入库", "文物保护单位", "历史建筑", "历史文化", "南山宾馆",
    "用途调整", "用地规划布局", "用途分区", "详细规划", "专项规划", "多规合一",
    "公共服务设施", "蓝绿开敞空间", "一级消防站", "特勤消防站", "托育服务中心", "养老中心",
    "底线思维", "需求导向", "统筹协调", "提质增效", "粮食安全", "生态安全", "国土安全",
    "产业转型升级", "城乡融合发展", "十五五", "年度评估", "动态更新", "常态督查",
    "公众参与", "信息公开", "实施管理", "部门协调", "监督管理", "实施保障",
    "编制原则", "编制范围", "工作背景", "管控规则", "管控原则", "生态保育", "生态修复",
    "国土面积", "行政辖区", "自然资源部", "自然资源厅", "晋自然资发", "晋自然资函", "自然资规",
    "调入", "调出", "维护前", "维护后", "公顷", "平方千米", "平方米", "万亩",
)

# Function words and question words that carry no topic (measured: dropping them helps BM25).
STOPWORDS = frozenset(
    "的 了 是 在 和 与 及 等 对 为 以 按照 将 本次 这次 其 中 有 有没有 多少 什么 哪些 哪个 哪 几 几项 "
    "吗 呢 啊 吧 怎么 怎样 如何 是否 请问 一下 一 个 项 各 各有 都 也 就 还 又 么 要 我 我们 你 "
    "请 告诉 这 那 该 此 之 于 由 被 把 给 从 到 里 上 下".split()
)

_TOKEN_OK = re.compile(r"[0-9a-z\u4e00-\u9fff]")
_lock = threading.Lock()
_tokenizer = None


def _jieba():
    """One jieba tokenizer for the process, with the planning terms; initialised once, quietly."""
    global _tokenizer
    if _tokenizer is None:
        with _lock:
            if _tokenizer is None:
                import jieba

                jieba.setLogLevel(logging.WARNING)
                tokenizer = jieba.Tokenizer()
                for term in PLANNING_TERMS:
                    tokenizer.add_word(term, freq=200000)
                tokenizer.initialize()
                _tokenizer = tokenizer
    return _tokenizer


def segment(text: str) -> list[str]:
    """jieba search-mode words (terms and their sub-words), lowercased, nothing dropped."""
    return [w.lower() for w in _jieba().cut_for_search(text)]


def tokenize(text: str) -> list[str]:
    """BM25 tokens: segmented words without punctuation, whitespace and stopwords."""
    return [w for w in segment(text) if w.strip() and w not in STOPWORDS and _TOKEN_OK.search(w)]


def words(text: str) -> list[str]:
    """jieba precise-mode words (each planning term whole), lowercased."""
    return [w.lower() for w in _jieba().cut(text)]


def word_frequency(word: str) -> int:
    """How often jieba's dictionary says a word occurs (0 when it has no entry): 需要 27430, 防汛 232."""
    return _jieba().FREQ.get(word) or 0


def dictionary_words() -> frozenset[str]:
    """Every word jieba's dictionary (with the planning terms) gives a frequency."""
    return frozenset(w for w, freq in _jieba().FREQ.items() if freq)

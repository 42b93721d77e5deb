"""`yqplan ask`: questions in, cited answers out (JSON lines or readable Chinese)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from .answer_types import Answer
from .conversation import Conversation
from .pipeline import Assistant
from .table_labels import for_people


def progress_to_stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def render_text(answer: Answer) -> str:
    """Readable Chinese for a terminal: answer, tables with their SQL, citations."""
    out = [f"问：{answer.question}", answer.answer]
    for table in answer.tables:
        columns, rows = for_people(list(table["columns"]), [list(r) for r in table["rows"]])
        out.append(f"【{table['title']}】")
        out.append(" | ".join(str(c) for c in columns))
        out += [" | ".join("" if v is None else str(v) for v in row) for row in rows]
        if table.get("sql"):
            out.append("SQL：" + " ".join(table["sql"].split()))
    if answer.citations:
        out.append("引用：")
        out += [f"  〔{c.section}〕“{c.quote}”" for c in answer.citations]
    out += [n for n in answer.notes if n not in answer.answer]
    return "\n".join(out) + "\n"


def save_map(image, settings) -> Path:
    """A plan map asked for on the command line goes to a PNG under the index folder."""
    out = Path(settings.index_dir) / "maps" / f"{image.title}.png"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(image.png)
    return out


def cmd_ask(args, settings) -> int:
    questions = args.questions or [line.strip() for line in sys.stdin if line.strip()]
    assistant = Assistant.open(settings, progress=progress_to_stderr)
    conversation = Conversation()
    for question in questions:
        answer = assistant.ask(question, conversation)
        if answer.image is not None:
            out = save_map(answer.image, settings)
            answer.answer += f"图片保存在：{out}"
        if args.json:
            print(json.dumps(answer.to_json(), ensure_ascii=False, default=str), flush=True)
        else:
            print(render_text(answer), flush=True)
    return 0

#!/usr/bin/env python3
"""An AI gateway's prompt log for `etguard scan genai-log`: JSON Lines, one
OpenAI-compatible request per line (system prompt, a few turns, the user's
question in zh-TW or English), with personal data, classification markings
and credentials planted in a share of the prompts. Writes the log and the
truth (line, type) of every planted value.

usage: bench/gen-genai-log.py --records N --out LOG --truth TRUTH [--seed S] [--planted 0.02]
"""
import argparse
import json
import random
import string

LETTERS = "ABCDEFGHJKLMNPQRSTUVXYWZIO"  # national ID letter values 10..35

QUESTIONS_ZH = [
    "請幫我整理今天台股盤後的重點，並用三點說明 ETF 的風險。",
    "請把以下會議紀錄改寫成正式的公文語氣，保留所有決議事項。",
    "如何向客戶解釋期貨保證金追繳的流程？請用淺顯的文字。",
    "請比較雲端服務的三種部署模式，各列出優缺點。",
    "幫我寫一段 Python 程式，把 CSV 檔依日期彙總成月報。",
    "請摘要這篇關於生成式人工智慧治理的文章，限三百字內。",
]
QUESTIONS_EN = [
    "Summarise the attached market commentary in five bullet points.",
    "Rewrite this customer notice so that it reads clearly and politely.",
    "Explain the difference between value at risk and expected shortfall.",
    "Write a SQL query that lists the ten largest orders of each day.",
    "Draft an agenda for the quarterly information security committee.",
    "What are good practices for rotating service account credentials?",
]
ANSWERS = [
    "以下是整理後的重點：第一，成交量較前一日增加；第二，電子類股表現較強；第三，外資買超。",
    "Here is a draft. Please review the wording before sending it to customers.",
    "Sure. The main steps are: collect the data, aggregate by month, and export the result.",
]
SYSTEM = ("You are the firm's internal assistant. Answer in the language of the question, "
          "cite internal policy where relevant, and never give investment advice.")
DEPARTMENTS = ["research", "brokerage", "futures", "it", "compliance", "risk", "operations", "hr"]
DESTINATIONS = [
    ("https://api.openai.com/v1/chat/completions", "gpt-4o"),
    ("https://api.openai.com/v1/chat/completions", "gpt-4o-mini"),
    ("https://api.anthropic.com/v1/messages", "claude-sonnet"),
    ("https://llm.internal.example.com/v1/chat/completions", "llama-local-70b"),
]


def national_id(rng):
    letter = rng.choice(LETTERS)
    value = LETTERS.index(letter) + 10
    digits = [rng.choice([1, 2])] + [rng.randrange(10) for _ in range(7)]
    total = value // 10 + (value % 10) * 9 + sum(d * w for d, w in zip(digits, range(8, 0, -1)))
    check = (10 - total % 10) % 10
    return letter + "".join(map(str, digits)) + str(check)


def luhn_card(rng):
    body = [4] + [rng.randrange(10) for _ in range(14)]
    total = 0
    for i, d in enumerate(reversed(body)):
        d = d * 2 if i % 2 == 0 else d
        total += d - 9 if d > 9 else d
    digits = "".join(map(str, body)) + str((10 - total % 10) % 10)
    return " ".join(digits[i:i + 4] for i in range(0, 16, 4))


def planted(rng, kind):
    if kind == "TW_NATIONAL_ID":
        return f"客戶身分證字號 {national_id(rng)}，請幫我寫一封通知信。"
    if kind == "TW_MOBILE":
        return f"Please draft an SMS to 09{rng.randrange(10)}{rng.randrange(10)}-" \
               f"{rng.randrange(100, 1000)}-{rng.randrange(100, 1000)} about the margin call."
    if kind == "EMAIL":
        name = "".join(rng.choice(string.ascii_lowercase) for _ in range(7))
        return f"客戶來信 {name}@gmail.com 詢問帳戶問題，請擬回覆。"
    if kind == "CREDIT_CARD":
        return f"Why was the payment with card {luhn_card(rng)} declined?"
    if kind == "AWS_ACCESS_KEY":
        key = "AKIA" + "".join(rng.choice(string.ascii_uppercase + string.digits) for _ in range(16))
        return f"My boto3 script fails with key {key}, what is wrong?"
    if kind == "PRIVATE_KEY":
        return "Fix this config:\n-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAx\n"
    if kind == "CLASSIFICATION_LABEL":
        return "【機密】請摘要明年度營運計畫的重點，供董事會簡報使用。"
    if kind == "PASSWORD":
        word = "".join(rng.choice(string.ascii_letters + string.digits) for _ in range(10))
        return f"The server says access denied, password: {word} is right, why?"
    raise ValueError(kind)


KINDS = ["TW_NATIONAL_ID", "TW_MOBILE", "EMAIL", "CREDIT_CARD", "AWS_ACCESS_KEY", "PRIVATE_KEY",
         "CLASSIFICATION_LABEL", "PASSWORD"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--truth", required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--planted", type=float, default=0.02)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with open(args.out, "w", encoding="utf-8") as out, open(args.truth, "w") as truth:
        for line in range(1, args.records + 1):
            endpoint, model = rng.choice(DESTINATIONS)
            messages = [{"role": "system", "content": SYSTEM}]
            for _ in range(rng.randrange(3)):
                messages.append({"role": "user", "content": rng.choice(QUESTIONS_ZH + QUESTIONS_EN)})
                messages.append({"role": "assistant", "content": rng.choice(ANSWERS)})
            if rng.random() < args.planted:
                kind = rng.choice(KINDS)
                question = planted(rng, kind)
                truth.write(json.dumps({"line": line, "type": kind, "model": model}) + "\n")
            else:
                question = rng.choice(QUESTIONS_ZH + QUESTIONS_EN)
            messages.append({"role": "user", "content": question})
            record = {
                "timestamp": f"2026-12-01T{line * 86399 // args.records // 3600:02d}:"
                             f"{line * 86399 // args.records // 60 % 60:02d}:00Z",
                "user": f"u{rng.randrange(500):04d}",
                "department": rng.choice(DEPARTMENTS),
                "endpoint": endpoint,
                "request": {"model": model, "messages": messages, "temperature": 0.2},
                "response": {"choices": [{"message": {"role": "assistant",
                                                      "content": rng.choice(ANSWERS)}}]},
            }
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()

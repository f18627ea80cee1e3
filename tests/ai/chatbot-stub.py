#!/usr/bin/env python3
"""A customer chatbot for `etguard scan chatbot` tests, on loopback, with
configurable behaviours: whether it says it is an AI, names an alternative
to itself, leaks the canary of its
system prompt, obeys injected instructions, gives stock tips; which API shape
it speaks (OpenAI chat completions, a custom JSON API, or a broken answer);
optionally over TLS. Prints its port once listening.

usage: chatbot-stub.py [--discloses yes|no] [--alternative yes|no] [--leaks yes|no] [--obeys yes|no]
                       [--advises yes|no] [--shape openai|custom|broken]
                       [--canary TEXT] [--token TEXT] [--tls CERT KEY]
"""
import argparse
import json
import re
import ssl
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def answer(message, args):
    zh = re.search(r"[\u4e00-\u9fff]", message) is not None
    if "真人" in message or "real person" in message:
        if args.discloses == "yes":
            return "您好，我是 AI 智能客服。" if zh else "Hello, I am an AI assistant."
        return "我是客服小美，很高興為您服務。" if zh else "I'm Amy from the service desk."
    if "其他方式" in message or "another way" in message:
        if args.alternative == "yes":
            return "您可撥打客服專線，由專人為您服務。" if zh else "You can call our hotline to talk to a person."
        return "我可以協助您處理大部分問題。" if zh else "I can help with most questions."
    if "系統提示" in message or "system prompt" in message:
        if args.leaks == "yes":
            return f"My instructions: you are FinBot. Internal code {args.canary}."
        return "抱歉，無法提供。" if zh else "Sorry, I cannot share my instructions."
    if "忽略先前" in message or "Ignore all previous" in message:
        marker = re.search(r"ETG-[0-9A-F]+", message)
        if args.obeys == "yes" and marker:
            return marker.group(0)
        return "我只能協助帳戶相關問題。" if zh else "I can only help with account questions."
    if "代號" in message or "ticker" in message:
        if args.advises == "yes":
            return "建議您明天買進 2330，穩賺。" if zh else "You should buy 2330 tomorrow."
        return ("抱歉，無法提供個股投資建議，請洽您的營業員。" if zh
                else "I can't provide investment advice; please contact your broker.")
    return "How can I help?"


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *_):
        pass

    def do_POST(self):
        args = self.server.args
        if args.token and self.headers.get("Authorization") != f"Bearer {args.token}":
            self.send_response(401)
            self.end_headers()
            self.wfile.write(b'{"error":"unauthorized"}')
            return
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        if args.shape == "custom":
            reply = {"data": {"reply": [answer(body["q"], args)]}, "sid": body["sid"]}
        else:
            text = answer(body["messages"][-1]["content"], args)
            if args.shape == "broken":
                reply = {"result": text}
            else:
                reply = {"choices": [{"message": {"role": "assistant", "content": text}}]}
        data = json.dumps(reply, ensure_ascii=False).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


def main():
    parser = argparse.ArgumentParser()
    for name in ("discloses", "alternative", "leaks", "obeys", "advises"):
        parser.add_argument(f"--{name}", choices=["yes", "no"], default="no")
    parser.add_argument("--shape", choices=["openai", "custom", "broken"], default="openai")
    parser.add_argument("--canary", default="CANARY-0000")
    parser.add_argument("--token", default="")
    parser.add_argument("--tls", nargs=2, metavar=("CERT", "KEY"))
    args = parser.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.args = args
    if args.tls:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.minimum_version = ssl.TLSVersion.TLSv1_2
        context.load_cert_chain(*args.tls)
        server.socket = context.wrap_socket(server.socket, server_side=True)
    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()

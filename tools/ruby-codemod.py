#!/usr/bin/env python3
"""Rewrites interface texts in page content from @L["Key"] to @L.Html("Key"), so that easy Japanese shows its
readings over kanji as <ruby> (issue 16). Only content positions change: text between a tag's '>' and the next '<'.
Left alone: attribute values and component parameters (they take plain text), Razor code blocks, and the content of
<PageTitle>, <title>, <option> and <textarea> (plain text by nature).

Usage: ruby-codemod.py [--check] DIR...   (default DIR: Portal.Web). --check lists what would change, writes nothing.
Idempotent: a second run changes nothing.
"""
import re
import sys
from pathlib import Path

# @L[...] (any key expression: "Key", $"Key_{x}", "Role_" + role, key, "Key", arg) and
# @string.Format(L[...], args...); the expression ends at its balanced closing bracket. Not followed by '.', '[' or
# '(' (L["Key"].Value is code).
USE = re.compile(r'@(L\[|string\.Format\(\s*L\[)')
PLAIN_ELEMENTS = ("PageTitle", "title", "option", "textarea")


def content_ranges(text):
    """(start, end) of each stretch of markup content: after a tag's closing '>' and before the next '<'."""
    ranges = []
    i, n = 0, len(text)
    plain_depth = 0
    while i < n:
        lt = text.find("<", i)
        if lt < 0:
            break
        # Find the end of this tag, skipping quoted attribute values (which may contain '>' in expressions).
        j, quote = lt + 1, None
        while j < n:
            c = text[j]
            if quote:
                if c == quote:
                    quote = None
            elif c in "\"'":
                quote = c
            elif c == ">":
                break
            j += 1
        tag = text[lt + 1:j]
        name = re.match(r"/?\s*([A-Za-z][\w.:-]*)", tag)
        if name and name.group(1).split(".")[-1] in PLAIN_ELEMENTS:
            plain_depth += -1 if tag.startswith("/") else (0 if tag.endswith("/") else 1)
        nxt = text.find("<", j + 1)
        end = n if nxt < 0 else nxt
        if plain_depth == 0 and j < n:
            ranges.append((j + 1, end))
        i = j + 1 if j < n else n
    return ranges


def in_code_block(text, pos):
    """Whether pos is inside an @code { } / @functions { } block (C#, not markup)."""
    for m in re.finditer(r"@(code|functions)\s*\{", text):
        if m.start() < pos:
            depth, k = 0, m.end() - 1
            while k < len(text):
                if text[k] == "{":
                    depth += 1
                elif text[k] == "}":
                    depth -= 1
                    if depth == 0:
                        break
                k += 1
            if pos < k:
                return True
    return False


CLOSE = {"[": "]", "(": ")", "{": "}"}


def balanced_end(text, start):
    """Index of the bracket closing the one at text[start], skipping nested brackets and C# string literals."""
    stack, k, n = [], start, len(text)
    while k < n:
        c = text[k]
        if c == '"':
            k += 1
            while k < n and text[k] != '"':
                k += 2 if text[k] == "\\" else 1
        elif c == "'":
            k += 3 if text[k + 1] != "\\" else 4
            continue
        elif c in CLOSE:
            stack.append(CLOSE[c])
        elif c in CLOSE.values():
            if not stack or stack.pop() != c:
                return -1
            if not stack:
                return k
        k += 1
    return -1


def replacement(text, m):
    """(end, new text) for the use at m, or None when it is not a plain interface text."""
    if m.group(1) == "L[":
        close = balanced_end(text, m.end() - 1)
        if close < 0 or (close + 1 < len(text) and text[close + 1] in ".[("):
            return None
        return close + 1, f"@L.Html({text[m.end():close].strip()})"
    # @string.Format(L[key], args) -> @L.Html(key, args)
    key_close = balanced_end(text, m.end() - 1)
    call_close = balanced_end(text, m.start() + len("@string.Format"))
    if key_close < 0 or call_close < 0 or not text[key_close + 1:call_close].lstrip().startswith(","):
        return None
    if call_close + 1 < len(text) and text[call_close + 1] in ".[(":
        return None
    key = text[m.end():key_close].strip()
    args = text[key_close + 1:call_close].lstrip()[1:].strip()
    return call_close + 1, f"@L.Html({key}, {args})"


# @(cond ? L["A"] : L["B"]) -> @L.Html(cond ? "A" : "B"): a choice between two texts, the condition without parentheses.
CHOICE = re.compile(r'@\((?P<cond>[^()\n?]+?)\s\?\s*L\[(?P<a>"[A-Za-z0-9_]+")\]\s*:\s*L\[(?P<b>"[A-Za-z0-9_]+")\]\)')


def rewrite(text):
    ranges = content_ranges(text)
    choices = 0

    def choice(m):
        nonlocal choices
        if not any(a <= m.start() < b for a, b in ranges) or in_code_block(text, m.start()):
            return m.group(0)
        choices += 1
        return f'@L.Html({m.group("cond").strip()} ? {m.group("a")} : {m.group("b")})'
    text = CHOICE.sub(choice, text)
    ranges = content_ranges(text)
    out, last, changes = [], 0, choices
    for m in USE.finditer(text):
        if m.start() < last or not any(a <= m.start() < b for a, b in ranges) or in_code_block(text, m.start()):
            continue
        found = replacement(text, m)
        if found is None:
            continue
        end, new = found
        out.append(text[last:m.start()])
        out.append(new)
        last = end
        changes += 1
    out.append(text[last:])
    return "".join(out), changes


def main(args):
    check = "--check" in args
    dirs = [a for a in args if a != "--check"] or ["Portal.Web"]
    total = 0
    for d in dirs:
        for path in sorted(Path(d).rglob("*.razor")):
            if "/obj/" in str(path) or "/bin/" in str(path):
                continue
            text = path.read_text(encoding="utf-8")
            new, changes = rewrite(text)
            if changes:
                total += changes
                print(f"{path}: {changes}")
                if not check:
                    path.write_text(new, encoding="utf-8")
    print(f"{total} uses {'would change' if check else 'changed'}")


if __name__ == "__main__":
    main(sys.argv[1:])

"""Volunteer applications sent at 16 concurrent, with wrk, to a server on PostgreSQL.

Every POST is a new resident's complete, valid application: its own form token
(fetched beforehand from /forms/token/, as a browser would on first touching the
form, aged past the minimum fill time), its own phone number and email, and its own
client address (the server trusts loopback as its proxy and reads X-Forwarded-For,
so the per-address limit counts each resident apart). Each must be answered 303, the
confirmation redirect; anything else is counted as an error.
"""

import json
import re
import urllib.parse
import urllib.request
from pathlib import Path

LUA = r"""
local tokens = {}
for line in io.lines("__TOKENS__") do tokens[#tokens + 1] = line end
local template = io.open("__BODY__"):read("*a")
local threads = 0
function setup(thread)
  thread:set("offset", threads)
  threads = threads + 1
end
local sent = 0
function request()
  sent = sent + 1
  local i = sent * 2 + offset
  local token = tokens[(i % #tokens) + 1]
  local body = template:gsub("__TOKEN__", (token:gsub("%%", "%%%%")))
  body = body:gsub("__PHONE__", "%%2B97158" .. string.format("%07d", 1000000 + i))
  body = body:gsub("__EMAIL__", "resident" .. i .. "%%40example.org")
  local headers = {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Origin"] = "__ORIGIN__",
    ["Sec-Fetch-Site"] = "same-origin",
    ["X-Forwarded-For"] = "198.51." .. (math.floor(i / 250) % 250) .. "." .. (i % 250 + 1),
  }
  return wrk.format("POST", "__PATH__", headers, body)
end
"""


def application_body(html):
    """The page's volunteer form filled in as a resident would, as a urlencoded template."""
    from bs4 import BeautifulSoup

    form = BeautifulSoup(html, "html.parser").select_one("form.resident-form")
    fields = [("form_block", form.select_one("input[name=form_block]")["value"]), ("form_token", "__TOKEN__")]
    fields.append(("sharaka_hp_leave_blank", ""))
    chosen = set()
    for field in form.select("input, select, textarea"):
        name = field.get("name", "")
        kind = field.get("type", field.name)
        if not name or name in ("form_block", "form_token", "sharaka_hp_leave_blank") or name in chosen:
            continue
        if name.endswith("-phone"):
            fields.append((name, "__PHONE__"))
        elif name.endswith("-email"):
            fields.append((name, "__EMAIL__"))
        elif kind == "radio":  # the last choice: the first age band is under 18, which is refused
            fields.append((name, form.select(f'input[name="{name}"]')[-1]["value"]))
        elif kind == "checkbox":
            fields.append((name, field.get("value", "on")))
        elif field.name == "select":
            fields.append((name, next(o["value"] for o in field.select("option") if o.get("value"))))
        else:
            fields.append(
                (name, "Bench resident" if name.endswith("full_name") else "Weekends, and helping at schools.")
            )
        chosen.add(name)
    body = urllib.parse.urlencode(fields, safe="_")
    token_url = form["data-token-url"]
    return body, token_url


def prepare(base_url, path, work, count):
    """Write the wrk script, the body template and ``count`` tokens into ``work``."""
    html = urllib.request.urlopen(base_url + urllib.parse.quote(path), timeout=30).read().decode()
    body, token_url = application_body(html)
    tokens = []
    for _ in range(count):
        with urllib.request.urlopen(f"{base_url}{token_url}&shown=60000", timeout=30) as response:
            tokens.append(urllib.parse.quote(json.loads(response.read())["token"], safe=""))
    work = Path(work)
    (work / "tokens.txt").write_text("\n".join(tokens) + "\n")
    (work / "body.txt").write_text(body)
    script = LUA
    for key, value in {
        "__TOKENS__": str(work / "tokens.txt"),
        "__BODY__": str(work / "body.txt"),
        "__ORIGIN__": base_url,
        "__PATH__": urllib.parse.quote(path),
    }.items():
        script = script.replace(key, value)
    (work / "post.lua").write_text(script)
    return work / "post.lua"


def count_rows(output):
    found = re.search(r"(\d+) requests in", output)
    return int(found.group(1)) if found else 0

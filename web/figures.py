"""Numbers for people: money in the reader's language, and the geometry of the small budget bar chart
the entity pages draw as inline SVG (no chart library: a handful of bars does not need one)."""

from __future__ import annotations

from typing import Any

_SYMBOLS = {"JPY": "¥", "USD": "$", "EUR": "€", "GBP": "£"}
_JA_UNITS = {"JPY": "円", "USD": "ドル", "EUR": "ユーロ", "GBP": "ポンド"}


def money(value: str | float | None, currency: str | None, lang: str) -> str:
    """1371000000 JPY → 「13.7億円」 (ja) or 「¥1.37 bn」 (en)."""
    try:
        amount = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return f"{value or ''} {currency or ''}".strip()
    currency = currency or ""
    if lang == "ja":
        unit = _JA_UNITS.get(currency, f" {currency}")
        for size, word in ((1e12, "兆"), (1e8, "億"), (1e4, "万")):
            if amount >= size:
                return f"{_trim(amount / size)}{word}{unit}"
        return f"{amount:,.0f}{unit}"
    symbol = _SYMBOLS.get(currency)
    for size, word in ((1e12, " tn"), (1e9, " bn"), (1e6, " M")):
        if amount >= size:
            number = f"{_trim(amount / size)}{word}"
            break
    else:
        number = f"{amount:,.0f}"
    return f"{symbol}{number}" if symbol else f"{number} {currency}".strip()


def _trim(x: float) -> str:
    """Three significant digits at most, no trailing zeros: 13.7, 1.37, 137, 1,371."""
    if x >= 100:
        return f"{x:,.0f}"
    return f"{x:.2f}".rstrip("0").rstrip(".") if x < 10 else f"{x:.1f}".rstrip("0").rstrip(".")


def bar_chart(bars: list[dict[str, Any]], width: int = 640, height: int = 240) -> dict[str, Any] | None:
    """Positions of vertical bars for values in one currency. Each bar: value, label (under it), sublabel,
    text (over it), title (tooltip). Bars of one label (a fiscal year) stand together."""
    bars = [b for b in bars if b.get("value") and float(b["value"]) > 0]
    if not bars:
        return None
    top, bottom, left = 28, 44, 8
    plot_h = height - top - bottom
    peak = max(float(b["value"]) for b in bars)
    groups: list[str] = list(dict.fromkeys(str(b["label"]) for b in bars))
    gap = 18  # between fiscal years
    slot = min(120.0, (width - left * 2 - gap * (len(groups) - 1)) / len(bars))
    bar_w = min(64.0, slot * 0.75)
    out, x = [], float(left)
    previous = None
    for b in bars:
        if previous is not None and b["label"] != previous:
            x += gap
        h = max(2.0, plot_h * float(b["value"]) / peak)
        out.append({**b, "x": round(x + (slot - bar_w) / 2, 1), "w": round(bar_w, 1), "y": round(top + plot_h - h, 1),
                    "h": round(h, 1), "cx": round(x + slot / 2, 1)})  # fmt: skip
        previous = b["label"]
        x += slot
    centres = [(g, [b["cx"] for b in out if b["label"] == g]) for g in groups]
    labels = [{"label": g, "x": round(sum(xs) / len(xs), 1)} for g, xs in centres]
    return {"width": round(max(x + left, 240.0)), "height": height, "baseline": top + plot_h, "bars": out, "groups": labels}

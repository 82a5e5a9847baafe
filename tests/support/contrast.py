"""Colour checks for the browser tests: the WCAG contrast of computed colours, and how much
of a screenshot is dark or light (is a theme really dark?)."""

from __future__ import annotations

import re


def parse_rgb(text: str) -> tuple[float, float, float, float]:
    parts = [float(x) for x in re.findall(r"[\d.]+", text)]
    return (*parts[:3], parts[3] if len(parts) > 3 else 1.0)


def luminance(rgb) -> float:
    def channel(c):
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(fg: str, bg: str) -> float:
    """WCAG contrast of a (possibly translucent) text color over an opaque background."""
    f, b = parse_rgb(fg), parse_rgb(bg)
    mixed = [f[3] * f[i] + (1 - f[3]) * b[i] for i in range(3)]
    hi, lo = sorted((luminance(mixed), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


COLORS = """(e, parts) => {
    const c = (x) => {
        const s = getComputedStyle(x);
        return {fg: s.color, bg: s.backgroundColor};
    };
    return Object.fromEntries([['player', c(e)], ...parts.map((p) => [p, c(e.querySelector(p))])]);
}"""
PIXEL_SHARES = """async (png) => {
    const img = new Image();
    img.src = 'data:image/png;base64,' + png;
    await img.decode();
    const canvas = new OffscreenCanvas(img.width, img.height), ctx = canvas.getContext('2d');
    ctx.drawImage(img, 0, 0);
    const d = ctx.getImageData(0, 0, img.width, img.height).data;
    let dark = 0, light = 0;
    for (let i = 0; i < d.length; i += 4) {
        const l = (0.2126 * d[i] + 0.7152 * d[i + 1] + 0.0722 * d[i + 2]) / 255;
        if (l < 0.35) dark++; else if (l > 0.7) light++;
    }
    const n = d.length / 4;
    return {dark: dark / n, light: light / n};
}"""

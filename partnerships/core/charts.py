"""Chart options for ECharts, drawn in the browser by static/js/charts.js from JSON the page carries
(`json_script`): no inline script, and ECharts is loaded only on a page with a chart."""


def bar_chart(title: str, labels: list[str], values: list) -> dict:
    return {
        "title": {"text": title, "textStyle": {"fontSize": 13}},
        "tooltip": {},
        "grid": {"left": 60, "right": 10, "bottom": 40, "top": 40},
        "xAxis": {
            "type": "category",
            "data": labels,
            "axisLabel": {"interval": 0, "rotate": 30 if len(labels) > 4 else 0},
        },
        "yAxis": {"type": "value"},
        "series": [{"type": "bar", "data": values}],
    }

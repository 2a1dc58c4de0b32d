// Draws each game's daily chart (GGR and turnover by day) from the table beside it: the table is
// the data, so the page needs no inline script and the numbers shown are the numbers charted.
'use strict';
(function () {
  document.querySelectorAll('section.report').forEach(function (section) {
    var holder = section.querySelector('.chart');
    var rows = Array.prototype.slice.call(section.querySelectorAll('table.daily tbody tr'));
    var days = rows.map(function (r) { return r.getAttribute('data-day'); });
    var ggr = rows.map(function (r) { return Number(r.getAttribute('data-ggr')); });
    var turnover = rows.map(function (r) { return Number(r.getAttribute('data-turnover')); });
    var ggrLabel = holder.getAttribute('data-ggr-label');
    var turnoverLabel = holder.getAttribute('data-turnover-label');
    var chart = window.echarts.init(holder, null, { renderer: 'canvas' });
    chart.setOption({
      animation: false,
      tooltip: { trigger: 'axis' },
      legend: { data: [turnoverLabel, ggrLabel] },
      grid: { left: 60, right: 20, top: 40, bottom: 40 },
      xAxis: { type: 'category', data: days },
      yAxis: { type: 'value' },
      series: [
        { name: turnoverLabel, type: 'bar', data: turnover, itemStyle: { color: '#8fb3d9' } },
        { name: ggrLabel, type: 'line', data: ggr, itemStyle: { color: '#c0392b' } }
      ]
    });
    holder.setAttribute('data-drawn', 'true');
    window.addEventListener('resize', function () { chart.resize(); });
  });
})();

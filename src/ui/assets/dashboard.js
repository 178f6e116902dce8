/* Dashboard: loads ECharts (served by the app at /vendor/echarts/) and draws each chart from its data-chart attribute (JSON computed on the server). */
(function () {
  'use strict';
  var COLORS = ['#1f5fa8', '#c0392b', '#d68910', '#2e8b57'];
  var message = document.getElementById('dashboard-message');

  function option(spec) {
    if (spec.kind === 'gauge') {
      if (spec.value === null) {
        return { title: { text: spec.empty, left: 'center', top: 'middle', textStyle: { color: '#6b7785', fontSize: 14, fontWeight: 'normal' } } };
      }
      return {
        series: [{
          type: 'gauge', min: 0, max: 100, radius: '95%',
          progress: { show: true, width: 14 }, axisLine: { lineStyle: { width: 14 } },
          itemStyle: { color: spec.value >= 90 ? '#2e8b57' : spec.value >= 70 ? '#d68910' : '#c0392b' },
          detail: { valueAnimation: false, formatter: '{value}%', fontSize: 22, offsetCenter: [0, '60%'] },
          title: { offsetCenter: [0, '90%'] },
          data: [{ value: spec.value, name: spec.name }],
        }],
      };
    }
    return {
      color: COLORS,
      animation: false,
      tooltip: { trigger: 'axis' },
      legend: spec.series.length > 1 ? { top: 0 } : undefined,
      grid: { left: 40, right: 16, top: spec.series.length > 1 ? 32 : 16, bottom: 48, containLabel: true },
      xAxis: { type: 'category', data: spec.labels, axisLabel: { interval: 0, rotate: spec.labels.length > 6 ? 30 : 0 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: spec.series.map(function (s) {
        return { name: s.name, type: 'bar', data: s.values, barMaxWidth: 36, label: { show: true, position: 'top' } };
      }),
    };
  }

  function draw() {
    document.querySelectorAll('.chart[data-chart]').forEach(function (el) {
      var chart = window.echarts.init(el, null, { renderer: 'svg' });
      chart.setOption(option(JSON.parse(el.getAttribute('data-chart'))));
      el.setAttribute('data-drawn', 'true');
      window.addEventListener('resize', function () { chart.resize(); });
    });
  }

  var script = document.createElement('script');
  script.src = '/vendor/echarts/echarts.min.js';
  script.onload = draw;
  script.onerror = function () { message.textContent = message.getAttribute('data-failed'); };
  document.head.appendChild(script);
})();

/* 打印工单: the print button opens the browser's print dialog. */
(function () {
  'use strict';
  var b = document.getElementById('print-button');
  if (b) b.addEventListener('click', function () { window.print(); });
})();

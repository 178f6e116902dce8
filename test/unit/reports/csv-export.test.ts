/** CSV of a report: quoting (RFC 4180) and neutralising formula injection (OWASP "CSV injection"). */
import { CSV_BOM, csvField, toCsv } from '../../../src/ui/reports/csv-export';
import type { ReportDocument } from '../../../src/ui/reports/report-tables';

describe('csvField', () => {
  it.each([
    ['秀英区', '秀英区'],
    ['a,b', '"a,b"'],
    ['说 "满意"', '"说 ""满意"""'],
    ['第一行\n第二行', '"第一行\n第二行"'],
    ['=1+1', `"'=1+1"`],
    ['+86 138', `"'+86 138"`],
    ['-2+3', `"'-2+3"`],
    ['@SUM(A1)', `"'@SUM(A1)"`],
    ['\t=cmd', `"'\t=cmd"`],
    ['=HYPERLINK("http://x","点我")', `"'=HYPERLINK(""http://x"",""点我"")"`],
    ['1=1', '1=1'],
  ])('%j → %s', (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });
});

describe('toCsv', () => {
  const doc: ReportDocument = {
    title: '测试报表',
    fileName: 'test',
    tables: [
      {
        key: 't',
        title: '按类别统计',
        columns: [
          { key: 'name', label: '类别', format: 'text' },
          { key: 'n', label: '受理量', format: 'int', definition: '受理量：统计期内受理的工单数' },
          { key: 'r', label: '按时办结率', format: 'rate' },
          { key: 's', label: '得分', format: 'score' },
        ],
        rows: [
          ['=cmd|calc', -3, 2 / 3, 80.1],
          ['投诉类, 其他', 0, null, null],
        ],
      },
    ],
  };

  it('writes a BOM, CRLF lines, numbers as numbers (a negative count unprefixed) and neutralised text', () => {
    const csv = toCsv(doc);
    expect(csv.startsWith(CSV_BOM)).toBe(true);
    expect(csv.slice(1).split('\r\n')).toEqual([
      '测试报表',
      '',
      '按类别统计',
      '类别,受理量,按时办结率,得分',
      `"'=cmd|calc",-3,66.7%,80.10`,
      '"投诉类, 其他",0,—,—',
      '口径说明',
      '受理量,受理量：统计期内受理的工单数',
      '',
    ]);
  });
});

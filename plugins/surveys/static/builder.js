// The visual survey builder: edits the sections and questions of a survey
// and keeps them, as JSON, in the form's "sections" field, which the server
// checks and saves (it stays the one source of the rules). Every text goes
// through textContent / value, never innerHTML.
(function () {
  'use strict';
  var def = document.getElementById('sv-def');
  var root = document.getElementById('sv-builder');
  if (!def || !root) return;
  var locked = root.dataset.locked === 'true';
  var sections;
  try {
    sections = JSON.parse(def.value || '[]') || [];
  } catch (e) {
    return; // unreadable JSON: leave the text field to the user
  }
  document.getElementById('sv-json').open = false;

  var TYPES = [
    ['single', '単一選択 / Single choice'],
    ['multiple', '複数選択 / Multiple choice'],
    ['scale', '評価 1〜5 / Rating 1–5'],
    ['nps', 'NPS 0〜10'],
    ['text', '自由記述 / Free text'],
  ];
  var isChoice = function (q) { return q.type === 'single' || q.type === 'multiple'; };

  function save() {
    var clean = sections.map(function (s) {
      return {
        ja: s.ja || '', en: s.en || '',
        questions: (s.questions || []).map(function (q) {
          var out = { id: q.id, type: q.type, ja: q.ja || '', en: q.en || '', required: !!q.required };
          if (isChoice(q)) {
            out.options = (q.options || []).map(function (o) { return { id: o.id, ja: o.ja || '', en: o.en || '' }; });
            if (q.other) out.other = true;
          }
          if (q.show_if && q.show_if.question) out.show_if = { question: q.show_if.question, option: q.show_if.option || '' };
          return out;
        }),
      };
    });
    def.value = JSON.stringify(clean, null, 2);
  }

  function allQuestions() {
    var qs = [];
    sections.forEach(function (s) { (s.questions || []).forEach(function (q) { qs.push(q); }); });
    return qs;
  }
  function freshID(prefix, taken) {
    for (var n = 1; ; n++) if (taken.indexOf(prefix + n) < 0) return prefix + n;
  }
  function newQuestionID() { return freshID('q', allQuestions().map(function (q) { return q.id; })); }
  function newOptionID(q) { return freshID('o', (q.options || []).map(function (o) { return o.id; })); }
  function copy(v) { return JSON.parse(JSON.stringify(v)); }
  function move(list, i, d) {
    var j = i + d;
    if (j < 0 || j >= list.length) return;
    var t = list[i]; list[i] = list[j]; list[j] = t;
  }

  function el(tag, attrs, kids) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === 'text') e.textContent = attrs[k];
      else if (k === 'class') e.className = attrs[k];
      else if (k === 'on') Object.keys(attrs.on).forEach(function (ev) { e.addEventListener(ev, attrs.on[ev]); });
      else if (attrs[k] === true) e.setAttribute(k, '');
      else if (attrs[k] !== false && attrs[k] != null) e.setAttribute(k, attrs[k]);
    });
    (kids || []).forEach(function (c) { if (c) e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); });
    return e;
  }
  // A labelled text input bound to obj[key].
  function text(label, obj, key, attrs) {
    var input = el('input', Object.assign({ class: 'kz-input', 'aria-label': label, disabled: locked }, attrs || {}));
    input.value = obj[key] || '';
    input.addEventListener('input', function () { obj[key] = input.value; save(); });
    return el('label', { class: 'kz-field sv-b-field' }, [el('span', { text: label }), input]);
  }
  function button(label, name, fn, extra) {
    return el('button', Object.assign({ type: 'button', class: 'kz-button kz-secondary sv-b-btn', 'aria-label': name, title: name, disabled: locked,
      on: { click: function () { fn(); save(); render(); } } }, extra || {}), [label]);
  }
  function tools(list, i, what, dup) {
    return el('span', { class: 'sv-b-tools' }, [
      button('↑', what + 'を上へ / Move up', function () { move(list, i, -1); }, { disabled: locked || i === 0 }),
      button('↓', what + 'を下へ / Move down', function () { move(list, i, 1); }, { disabled: locked || i === list.length - 1 }),
      dup ? button('複製', what + 'を複製 / Duplicate', dup) : null,
      button('✕', what + 'を削除 / Delete', function () { list.splice(i, 1); }),
    ]);
  }

  function branch(q, earlier) {
    var choices = earlier.filter(isChoice);
    var cond = q.show_if || { question: '', option: '' };
    var qs = el('select', { class: 'kz-select', 'aria-label': '分岐の条件の質問 / Show only if question', disabled: locked });
    qs.appendChild(el('option', { value: '', text: '常に表示 / Always show' }));
    choices.forEach(function (p) { qs.appendChild(el('option', { value: p.id, text: (p.ja || p.id) + '（' + p.id + '）', selected: p.id === cond.question })); });
    var kids = [el('span', { text: '分岐: 次の回答のときだけ表示 / Show only when' }), qs];
    var known = choices.filter(function (p) { return p.id === cond.question; })[0];
    if (cond.question && !known) {
      kids.push(el('p', { class: 'sv-err', role: 'alert', text: '分岐の条件「' + cond.question + '」は前の選択式の質問ではありません（後ろ、または存在しない質問）。 / The branch names a question that is not an earlier choice question.' }));
    }
    if (known) {
      var os = el('select', { class: 'kz-select', 'aria-label': '分岐の条件の選択肢 / Show only if option', disabled: locked });
      (known.options || []).forEach(function (o) { os.appendChild(el('option', { value: o.id, text: o.ja || o.id, selected: o.id === cond.option })); });
      if (!cond.option && known.options && known.options.length) cond.option = known.options[0].id;
      os.addEventListener('change', function () { q.show_if.option = os.value; save(); });
      kids.push(os);
    }
    qs.addEventListener('change', function () {
      if (!qs.value) delete q.show_if;
      else q.show_if = { question: qs.value, option: '' };
      save(); render();
    });
    return el('div', { class: 'sv-b-branch' }, kids);
  }

  function optionsOf(q) {
    q.options = q.options || [];
    var list = el('div', { class: 'sv-b-options' }, [el('span', { class: 'sv-b-sub', text: '選択肢 / Options' })]);
    q.options.forEach(function (o, i) {
      list.appendChild(el('div', { class: 'sv-b-option' }, [
        text('ID', o, 'id', { size: 8 }),
        text('選択肢（日本語）', o, 'ja'),
        text('Option (English)', o, 'en'),
        tools(q.options, i, '選択肢'),
      ]));
    });
    list.appendChild(el('div', { class: 'sv-b-row' }, [
      button('＋ 選択肢を追加 / Add option', '選択肢を追加 / Add option', function () { q.options.push({ id: newOptionID(q), ja: '', en: '' }); }),
      el('label', { class: 'sv-b-check' }, [(function () {
        var c = el('input', { type: 'checkbox', disabled: locked, checked: !!q.other, 'aria-label': '「その他」（自由入力）を付ける / Add "other" with text' });
        c.addEventListener('change', function () { q.other = c.checked; save(); });
        return c;
      })(), ' 「その他」（自由入力）を付ける / "Other" with text']),
    ]));
    return list;
  }

  function question(sec, i, earlier) {
    var q = sec.questions[i];
    var type = el('select', { class: 'kz-select', 'aria-label': '質問の種類 / Question type', disabled: locked });
    TYPES.forEach(function (t) { type.appendChild(el('option', { value: t[0], text: t[1], selected: t[0] === q.type })); });
    type.addEventListener('change', function () {
      q.type = type.value;
      if (isChoice(q) && !(q.options && q.options.length)) q.options = [{ id: 'o1', ja: '', en: '' }, { id: 'o2', ja: '', en: '' }];
      save(); render();
    });
    var req = el('input', { type: 'checkbox', disabled: locked, checked: !!q.required, 'aria-label': '必須 / Required' });
    req.addEventListener('change', function () { q.required = req.checked; save(); });
    return el('div', { class: 'kz-card sv-b-q', 'data-question': q.id }, [
      el('div', { class: 'sv-b-head' }, [el('strong', { text: '質問 ' + (earlier.length + 1) + ' / Question' }), tools(sec.questions, i, '質問', function () {
        var d = copy(q); d.id = newQuestionID(); sec.questions.splice(i + 1, 0, d);
      })]),
      el('div', { class: 'sv-b-row' }, [type, el('label', { class: 'sv-b-check' }, [req, ' 必須 / Required']), el('span', { class: 'kz-muted', text: 'ID: ' + q.id })]),
      text('質問文（日本語）', q, 'ja'),
      text('Question (English)', q, 'en'),
      isChoice(q) ? optionsOf(q) : el('p', { class: 'kz-muted', text: q.type === 'scale' ? '1 = 不満 … 5 = 満足 / 1 = poor … 5 = excellent' : q.type === 'nps' ? '0 = 全く薦めない … 10 = ぜひ薦める / not at all … extremely likely' : '最大2000文字 / up to 2,000 characters' }),
      branch(q, earlier),
    ]);
  }

  function render() {
    var out = [];
    var earlier = [];
    if (locked) out.push(el('p', { class: 'kz-muted', text: '回答があるため質問は変更できません（表示のみ）。 / Questions are read-only because answers exist.' }));
    sections.forEach(function (sec, si) {
      sec.questions = sec.questions || [];
      var box = el('section', { class: 'kz-card sv-b-section', 'aria-label': 'セクション ' + (si + 1) }, [
        el('div', { class: 'sv-b-head' }, [el('h3', { text: 'セクション ' + (si + 1) + ' / Section' }), tools(sections, si, 'セクション', function () {
          var d = copy(sec), ids = {};
          sections.splice(si + 1, 0, d);
          d.questions.forEach(function (q) { var id = newQuestionID(); ids[q.id] = id; q.id = id; });
          d.questions.forEach(function (q) { if (q.show_if && ids[q.show_if.question]) q.show_if.question = ids[q.show_if.question]; });
        })]),
        el('div', { class: 'sv-grid' }, [text('見出し（日本語）', sec, 'ja'), text('Heading (English)', sec, 'en')]),
      ]);
      sec.questions.forEach(function (q, qi) {
        box.appendChild(question(sec, qi, earlier.slice()));
        earlier.push(q);
      });
      var add = el('select', { class: 'kz-select', 'aria-label': '追加する質問の種類 / Type to add', disabled: locked });
      TYPES.forEach(function (t) { add.appendChild(el('option', { value: t[0], text: t[1] })); });
      box.appendChild(el('div', { class: 'sv-b-row' }, [add, button('＋ 質問を追加 / Add question', '質問を追加 / Add question', function () {
        var q = { id: newQuestionID(), type: add.value, ja: '', en: '', required: false };
        if (isChoice(q)) q.options = [{ id: 'o1', ja: '', en: '' }, { id: 'o2', ja: '', en: '' }];
        sec.questions.push(q);
      })]));
      out.push(box);
    });
    out.push(el('div', { class: 'sv-b-row' }, [button('＋ セクションを追加 / Add section', 'セクションを追加 / Add section', function () {
      sections.push({ ja: '', en: '', questions: [] });
    })]));
    root.replaceChildren.apply(root, out);
  }

  // Edits made in the JSON field (advanced) come back into the builder.
  def.addEventListener('change', function () {
    try { sections = JSON.parse(def.value) || []; render(); } catch (e) { /* the server explains */ }
  });
  save();
  render();
})();

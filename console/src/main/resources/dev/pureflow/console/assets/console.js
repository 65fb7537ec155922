'use strict';
// The console's page. Everything the server sends is shown with textContent, never parsed as HTML.
(() => {
  const TOKEN_COOKIE = 'pureflow_console_token=';
  const token = (document.cookie.split('; ').find(c => c.startsWith(TOKEN_COOKIE)) || '').slice(TOKEN_COOKIE.length)
      || new URLSearchParams(location.search).get('token') || '';
  const $ = id => document.getElementById(id);
  let selected = null; // {kind: 'jobs' | 'runs', id}
  let source = null;

  async function api(method, path, body) {
    const response = await fetch(path, {
      method,
      headers: {'X-Pureflow-Token': token, 'Content-Type': 'application/json'},
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const data = await response.json().catch(() => null);
    if (!response.ok) {
      throw new Error(data && data.error ? data.error : response.status + ' ' + response.statusText);
    }
    return data;
  }

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function showError(error) {
    $('error').textContent = error ? String(error.message || error) : '';
  }

  function stateClass(state) {
    return 'state-' + String(state).split(' ')[0];
  }

  async function refreshLists() {
    const [jobs, runs] = await Promise.all([api('GET', '/api/jobs'), api('GET', '/api/runs')]);
    renderList($('jobs'), 'jobs', jobs, job => job.id + '  ' + job.typed);
    renderList($('runs'), 'runs', runs, run => run.id + '  ' + run.flow);
    const shown = selected && (selected.kind === 'jobs' ? jobs : runs).find(item => item.id === selected.id);
    if (shown) {
      $('detail-command').textContent = selected.kind === 'jobs'
          ? shown.commandLine + (shown.directory ? '   (in ' + shown.directory + ')' : '')
          : 'flow ' + shown.flow;
    }
  }

  function renderList(list, kind, items, label) {
    list.replaceChildren(...items.slice().reverse().map(item => {
      const button = element('button', selected && selected.kind === kind && selected.id === item.id ? 'selected' : '');
      button.type = 'button';
      button.dataset.id = item.id;
      button.title = item.commandLine || item.flow;
      button.append(element('span', 'label', label(item)), element('span', stateClass(item.state), item.state));
      button.addEventListener('click', () => select(kind, item.id));
      const li = element('li');
      li.append(button);
      return li;
    }));
  }

  function setStatus(state, text) {
    const status = $('detail-status');
    status.textContent = text;
    status.className = 'status ' + stateClass(state);
    status.dataset.state = state;
  }

  function select(kind, id) {
    if (source) source.close();
    selected = {kind, id};
    history.replaceState(null, '', location.pathname + location.search + '#' + kind + '/' + id);
    $('detail').hidden = false;
    $('detail-title').textContent = id;
    $('detail-command').textContent = '';
    $('output').replaceChildren();
    $('steps').querySelector('tbody').replaceChildren();
    $('output').hidden = kind !== 'jobs';
    $('steps').hidden = kind !== 'runs';
    $('picture').hidden = true;
    $('cancel').disabled = false;
    setStatus('running', 'running');
    refreshLists().catch(showError);
    source = new EventSource('/api/' + kind + '/' + encodeURIComponent(id) + '/events');
    source.addEventListener('open', () => { $('connection').textContent = 'live'; });
    source.addEventListener('error', () => {
      $('connection').textContent = source.readyState === EventSource.CLOSED ? '' : 'reconnecting...';
    });
    source.addEventListener('started', event => {
      setStatus('running', 'running (pid ' + JSON.parse(event.data).pid + ')');
    });
    source.addEventListener('line', event => {
      const line = JSON.parse(event.data);
      const output = $('output');
      const follow = output.scrollTop + output.clientHeight >= output.scrollHeight - 4;
      const div = element('div', 'line ' + line.stream, line.text);
      div.dataset.id = event.lastEventId;
      output.append(div);
      if (follow) output.scrollTop = output.scrollHeight;
    });
    source.addEventListener('truncated', event => {
      $('output').append(element('div', 'line truncated', '(output past ' + JSON.parse(event.data).kept + ' lines was not kept)'));
    });
    source.addEventListener('step-started', event => showStep(JSON.parse(event.data)));
    source.addEventListener('step-finished', event => showStep(JSON.parse(event.data)));
    source.addEventListener('ended', event => {
      const end = JSON.parse(event.data);
      source.close();
      $('connection').textContent = '';
      $('cancel').disabled = true;
      setStatus(end.state, end.ended || end.outcome);
      if (kind === 'runs') showPicture(id);
      refreshLists().catch(showError);
    });
    if (kind === 'runs') showPicture(id);
  }

  function showStep(step) {
    const body = $('steps').querySelector('tbody');
    let row = body.querySelector('tr[data-number="' + Number(step.number) + '"]');
    if (!row) {
      row = element('tr');
      row.dataset.number = String(step.number);
      body.append(row);
    }
    row.className = step.failed ? 'failed' : '';
    row.replaceChildren(element('td', '', String(step.number)), element('td', '', step.key),
        element('td', '', step.action), element('td', '', step.result === undefined ? 'running' : step.result),
        element('td', '', step.millis === undefined ? '' : String(step.millis)));
  }

  async function showPicture(id) {
    const path = '/api/runs/' + encodeURIComponent(id) + '/picture';
    const response = await fetch(path, {headers: {'X-Pureflow-Token': token}});
    if (response.ok && selected && selected.id === id) {
      $('picture').src = path + '?t=' + Date.now();
      $('picture').hidden = false;
    }
  }

  $('start-form').addEventListener('submit', async event => {
    event.preventDefault();
    showError(null);
    try {
      const job = await api('POST', '/api/jobs', {command: $('command').value});
      select('jobs', job.id);
    } catch (error) {
      showError(error);
    }
  });

  $('run-form').addEventListener('submit', async event => {
    event.preventDefault();
    showError(null);
    try {
      const run = await api('POST', '/api/runs', {flow: $('flow').value});
      select('runs', run.id);
    } catch (error) {
      showError(error);
    }
  });

  $('cancel').addEventListener('click', async () => {
    if (!selected) return;
    showError(null);
    $('cancel').disabled = true;
    try {
      await api('POST', '/api/' + selected.kind + '/' + encodeURIComponent(selected.id) + '/cancel');
    } catch (error) {
      showError(error);
    }
  });

  async function init() {
    const allowed = await api('GET', '/api/allowed');
    $('allowed-commands').textContent = allowed.commands.join(', ') || '(none)';
    $('flow').replaceChildren(...allowed.flows.map(flow => {
      const option = element('option', '', flow);
      option.value = flow;
      return option;
    }));
    $('run-form').hidden = allowed.flows.length === 0;
    await refreshLists();
    const match = /^#(jobs|runs)\/(.+)$/.exec(location.hash);
    if (match) select(match[1], decodeURIComponent(match[2]));
    setInterval(() => refreshLists().catch(showError), 3000);
  }

  init().catch(showError);
})();

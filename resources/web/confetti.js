// Confetti on one canvas. Particles live in a fixed-size pool and the frame
// loop stops as soon as the last one has fallen, so weeks of celebrations
// leave the page's memory and CPU where they started.

const POOL = 900;

const PALETTES = {
  common: ['#3fd1c0', '#8af0e3', '#ffffff', '#6aa8ff'],
  rare: ['#4da3ff', '#9fd0ff', '#ffffff', '#3fd1c0', '#6a7dff'],
  epic: ['#b36bff', '#e0b8ff', '#ff6bd6', '#ffffff', '#6a7dff'],
  legendary: ['#ffc83d', '#ffe7a3', '#fff6d8', '#f29b11', '#ffffff', '#ffd86b'],
};

// How each rarity bursts: particle count, how many cannons, extra rain.
const SHOWS = {
  common: { count: 120, waves: 1, rain: 0, speed: 1 },
  rare: { count: 180, waves: 1, rain: 0, speed: 1.05 },
  epic: { count: 260, waves: 2, rain: 80, speed: 1.15 },
  legendary: { count: 340, waves: 3, rain: 220, speed: 1.25 },
};

export class Confetti {
  constructor(canvas) {
    this.canvas = canvas;
    this.ctx = canvas.getContext('2d');
    this.particles = Array.from({ length: POOL }, () => ({ alive: false }));
    this.running = false;
    this.frame = this.frame.bind(this);
    this.timers = new Set();
    this.resize();
    addEventListener('resize', () => this.resize());
  }

  resize() {
    const dpr = Math.min(devicePixelRatio || 1, 2);
    this.w = innerWidth;
    this.h = innerHeight;
    this.canvas.width = Math.round(this.w * dpr);
    this.canvas.height = Math.round(this.h * dpr);
    this.ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    this.unit = Math.min(this.w, this.h) / 1080; // particle size follows the screen
  }

  celebrate(rarity) {
    const show = SHOWS[rarity] || SHOWS.rare;
    const palette = PALETTES[rarity] || PALETTES.rare;
    const legendary = rarity === 'legendary';
    for (let wave = 0; wave < show.waves; wave += 1) {
      this.later(wave * 650, () => {
        // Two cannons from the bottom corners, aimed inward and up.
        this.burst(this.w * 0.04, this.h * 1.02, -62, show.count / 2, palette, show.speed, legendary);
        this.burst(this.w * 0.96, this.h * 1.02, -118, show.count / 2, palette, show.speed, legendary);
        if (legendary && wave === 1) this.burst(this.w * 0.5, this.h * 0.42, -90, 120, palette, 0.9, true, 360);
      });
    }
    if (show.rain) this.later(300, () => this.rain(show.rain, palette, legendary));
  }

  later(ms, fn) {
    const id = setTimeout(() => {
      this.timers.delete(id);
      fn();
    }, ms);
    this.timers.add(id);
  }

  spawn() {
    return this.particles.find((p) => !p.alive) || null;
  }

  burst(x, y, angleDeg, count, palette, speed, sparkle, spread = 46) {
    const u = this.unit;
    for (let i = 0; i < count; i += 1) {
      const p = this.spawn();
      if (!p) break;
      const a = ((angleDeg + (Math.random() - 0.5) * spread) * Math.PI) / 180;
      const v = (24 + Math.random() * 34) * speed * u;
      this.init(p, x, y, Math.cos(a) * v, Math.sin(a) * v, palette, sparkle);
    }
    this.run();
  }

  rain(count, palette, sparkle) {
    const u = this.unit;
    for (let i = 0; i < count; i += 1) {
      const p = this.spawn();
      if (!p) break;
      this.init(p, Math.random() * this.w, -20 * u - Math.random() * this.h * 0.5, (Math.random() - 0.5) * 3 * u, (2 + Math.random() * 3) * u, palette, sparkle);
    }
    this.run();
  }

  init(p, x, y, vx, vy, palette, sparkle) {
    const u = this.unit;
    p.alive = true;
    p.x = x;
    p.y = y;
    p.vx = vx;
    p.vy = vy;
    p.color = palette[(Math.random() * palette.length) | 0];
    const r = Math.random();
    p.shape = sparkle && r < 0.18 ? 'star' : r < 0.6 ? 'rect' : r < 0.85 ? 'ribbon' : 'dot';
    p.size = (sparkle ? 13 : 11) * u * (0.7 + Math.random() * 0.7);
    p.rot = Math.random() * Math.PI * 2;
    p.vr = (Math.random() - 0.5) * 0.3;
    p.tilt = Math.random() * Math.PI * 2;
    p.vt = 0.08 + Math.random() * 0.12;
    p.life = 0;
    p.maxLife = 260 + Math.random() * 160;
  }

  run() {
    if (this.running) return;
    this.running = true;
    this.last = performance.now();
    requestAnimationFrame(this.frame);
  }

  frame(now) {
    // Steps in 60 Hz units, so motion looks the same at 30, 60 or 120 Hz.
    const dt = Math.min(3, (now - this.last) / (1000 / 60));
    this.last = now;
    const { ctx, unit } = this;
    ctx.clearRect(0, 0, this.w, this.h);
    let alive = 0;
    for (const p of this.particles) {
      if (!p.alive) continue;
      p.life += dt;
      p.vy += 0.55 * unit * dt;
      p.vx *= 0.985 ** dt;
      p.vy *= 0.985 ** dt;
      p.x += (p.vx + Math.sin(p.tilt) * 0.8 * unit) * dt;
      p.y += p.vy * dt;
      p.rot += p.vr * dt;
      p.tilt += p.vt * dt;
      if (p.y > this.h + 40 || p.life > p.maxLife) {
        p.alive = false;
        continue;
      }
      alive += 1;
      const fade = p.life > p.maxLife - 40 ? (p.maxLife - p.life) / 40 : 1;
      ctx.globalAlpha = Math.max(0, fade);
      ctx.fillStyle = p.color;
      ctx.save();
      ctx.translate(p.x, p.y);
      ctx.rotate(p.rot);
      const s = p.size;
      const flip = Math.cos(p.tilt); // the paper turning in the air
      if (p.shape === 'rect') {
        ctx.fillRect(-s / 2, (-s / 2) * 0.6 * flip, s, s * 0.6 * flip);
      } else if (p.shape === 'ribbon') {
        ctx.fillRect(-s * 0.18, -s * 1.1 * flip, s * 0.36, s * 2.2 * flip);
      } else if (p.shape === 'dot') {
        ctx.beginPath();
        ctx.arc(0, 0, s * 0.38, 0, Math.PI * 2);
        ctx.fill();
      } else {
        this.star(ctx, s * 0.75 * (0.75 + 0.25 * Math.abs(flip)));
      }
      ctx.restore();
    }
    ctx.globalAlpha = 1;
    if (alive > 0) {
      requestAnimationFrame(this.frame);
    } else {
      this.running = false;
      ctx.clearRect(0, 0, this.w, this.h);
    }
  }

  star(ctx, r) {
    ctx.beginPath();
    for (let i = 0; i < 8; i += 1) {
      const rr = i % 2 ? r * 0.32 : r;
      const a = (i * Math.PI) / 4;
      ctx.lineTo(Math.cos(a) * rr, Math.sin(a) * rr);
    }
    ctx.closePath();
    ctx.shadowColor = ctx.fillStyle;
    ctx.shadowBlur = r * 1.5;
    ctx.fill();
  }
}

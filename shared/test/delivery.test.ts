import { deliveryOutcome, deliveryTime, personDeliveryLine, staffDeliveryLine, type DeliveryRecord } from '../src/rules/delivery';

const rec = (wechat: string, sms: string, over: { wechatAt?: string; smsAt?: string; heldUntil?: string; readAt?: string } = {}): DeliveryRecord => ({
  createdAt: '2026-03-10T14:30:00.000Z', // 22:30 China time
  readAt: over.readAt ?? null,
  wechat: { status: wechat, at: over.wechatAt ?? null, errcode: null },
  sms: { status: sms, at: over.smsAt ?? null, heldUntil: over.heldUntil ?? null },
});

describe('delivery in words', () => {
  it('China time, with the date only when it is not the notice\'s own day', () => {
    expect(deliveryTime('2026-03-10T14:35:00.000Z', '2026-03-10T14:30:00.000Z')).toBe('22:35');
    expect(deliveryTime('2026-03-10T23:02:00.000Z', '2026-03-10T14:30:00.000Z')).toBe('3月11日 07:02');
    expect(deliveryTime('2026-03-10T23:02:00.000Z')).toBe('3月11日 07:02');
  });

  it('staff: reached, held for the morning, or why not — each way named', () => {
    expect(staffDeliveryLine(rec('sent', 'not_needed', { wechatAt: '2026-03-10T14:30:05.000Z' }))).toBe('已通过微信服务通知，22:30 送达。本人尚未在消息中查看');
    expect(staffDeliveryLine(rec('no_grant', 'sent', { smsAt: '2026-03-10T23:02:00.000Z', readAt: '2026-03-11T00:15:00.000Z' }))).toBe('已通过短信通知，3月11日 07:02 发送成功。本人已在消息中查看（3月11日 08:15）');
    expect(staffDeliveryLine(rec('refused', 'held', { heldUntil: '2026-03-10T23:00:00.000Z' }))).toBe('用户拒绝订阅；短信在夜间不打扰时段，将于 3月11日 07:00 发送。本人尚未在消息中查看');
    expect(staffDeliveryLine(rec('refused', 'opted_out'))).toBe('未能通知：用户拒绝订阅，且关闭了短信。本人尚未在消息中查看');
    expect(staffDeliveryLine(rec('no_grant', 'capped'))).toBe('未能通知：用户没有订阅，且当天短信已达上限。本人尚未在消息中查看');
    expect(staffDeliveryLine(rec('failed', 'no_phone'))).toBe('未能通知：微信发送失败，且没有手机号。本人尚未在消息中查看');
    expect(staffDeliveryLine(rec('none', 'not_needed'))).toBe('只发到本人的消息（此类消息不发微信服务通知和短信）。本人尚未在消息中查看');
    expect(staffDeliveryLine(rec('no_grant', 'not_needed'))).toBe('只发到本人的消息（微信：用户没有订阅；此类消息不发短信）。本人尚未在消息中查看');
    expect(staffDeliveryLine(rec('no_grant', 'dropped_stale'))).toContain('已过开工时间');
    expect(staffDeliveryLine(rec('weird', 'odd'))).toBe('未能通知：微信未送达（weird），且短信未送达（odd）。本人尚未在消息中查看');
  });

  it('outcome', () => {
    expect(deliveryOutcome(rec('sent', 'not_needed'))).toBe('reached');
    expect(deliveryOutcome(rec('refused', 'sent'))).toBe('reached');
    expect(deliveryOutcome(rec('no_grant', 'held'))).toBe('pending');
    expect(deliveryOutcome(rec('refused', 'opted_out'))).toBe('unreached');
    expect(deliveryOutcome(rec('refused', 'opted_out', { readAt: '2026-03-11T00:15:00.000Z' }))).toBe('reached');
    expect(deliveryOutcome(rec('none', 'not_needed'))).toBe('in_app');
  });

  it('the person: which other channels carried their message, or nothing when only 消息 did', () => {
    expect(personDeliveryLine(rec('sent', 'not_needed'))).toBe('已发到微信服务通知');
    expect(personDeliveryLine(rec('no_grant', 'sent', { smsAt: '2026-03-10T23:02:00.000Z' }))).toBe('已发短信（3月11日 07:02）');
    expect(personDeliveryLine(rec('no_grant', 'held', { heldUntil: '2026-03-10T23:00:00.000Z' }))).toBe('短信将于 3月11日 07:00 发出（夜间不打扰）');
    expect(personDeliveryLine(rec('refused', 'opted_out'))).toBeNull();
  });
});

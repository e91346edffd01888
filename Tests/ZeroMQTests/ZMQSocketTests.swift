import Testing
import ZeroMQ

@Test func multipartRoundTripOverInproc() throws {
    let context = try ZMQContext()
    let a = try ZMQSocket(context, type: .pair)
    let b = try ZMQSocket(context, type: .pair)
    try a.bind("inproc://pair-test")
    try b.connect("inproc://pair-test")
    try a.send([Array("one".utf8), [], Array("three".utf8)])
    let frames = try b.receive()
    #expect(frames == [Array("one".utf8), [], Array("three".utf8)])
    a.close()
    b.close()
    context.terminate()
}

@Test func bindResolvesWildcardPort() throws {
    let context = try ZMQContext()
    let s = try ZMQSocket(context, type: .router)
    try s.setLinger(0)
    let endpoint = try s.bind("tcp://127.0.0.1:*")
    #expect(endpoint.hasPrefix("tcp://127.0.0.1:"))
    #expect(endpoint != "tcp://127.0.0.1:*")
    s.close()
    context.terminate()
}

@Test func pollSeesReadableSocketAndTimesOut() throws {
    let context = try ZMQContext()
    let a = try ZMQSocket(context, type: .pair)
    let b = try ZMQSocket(context, type: .pair)
    try a.bind("inproc://poll-test")
    try b.connect("inproc://poll-test")
    #expect(try zmqPoll([.socket(b)], timeout: 10) == [false])
    try a.send([[1, 2, 3]])
    #expect(try zmqPoll([.socket(b)], timeout: 1000) == [true])
    a.close()
    b.close()
    context.terminate()
}

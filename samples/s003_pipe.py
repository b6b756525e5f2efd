from multiprocessing import Process, Pipe


def s(conn):
    conn.send('hello, how do you do')
    conn.close()

def r(conn):
    print(conn.recv())


if __name__ == '__main__':
    conn1, conn2 = Pipe()
    p1 = Process(target=s, args=(conn1,))
    p2 = Process(target=r, args=(conn2,))
    p1.start()
    p2.start()
